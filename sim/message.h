#pragma once
// What travels between nodes. Messages are immutable once sent and shared, not copied:
// a follower's fetch response can point at the very batches the leader holds.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace kafkalab::sim {

class Message {
public:
    /// `type` lets receivers dispatch with a switch instead of a chain of casts; its
    /// meaning belongs to the layer that defines the messages.
    explicit Message(std::uint16_t type) : type_(type) {}
    virtual ~Message() = default;

    std::uint16_t type() const { return type_; }
    /// A short static name, as Kafka names its APIs: "Produce", "FetchResponse".
    virtual const char* name() const = 0;
    /// Bytes on the wire, so that the network's bandwidth applies.
    virtual std::size_t size_bytes() const = 0;
    /// One readable line for traces and the viewer's event log.
    virtual std::string summary() const { return name(); }

private:
    std::uint16_t type_;
};

using MessagePtr = std::shared_ptr<const Message>;

}  // namespace kafkalab::sim
