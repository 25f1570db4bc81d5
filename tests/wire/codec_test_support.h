#pragma once
// What the codec tests share: decoding a whole request body, and checking that every
// truncation of one is refused.
#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <string>

#include "broker_model/wire/api_codecs.h"

namespace kafkalab::kafka::wire::testing {

/// Decodes a whole body and checks that the decoder read exactly all of it.
template <class T, class Decode>
std::shared_ptr<T> decode_body(Decode decode, const std::string& body, std::int16_t version) {
    WireReader in(body);
    RequestPtr request = decode(in, version);
    REQUIRE(in.remaining() == 0);
    auto typed = std::dynamic_pointer_cast<T>(request);
    REQUIRE(typed);
    return typed;
}

/// Every proper prefix of a body is malformed.
template <class Decode>
void require_every_prefix_throws(Decode decode, const std::string& body, std::int16_t version) {
    for (std::size_t size = 0; size < body.size(); ++size) {
        CAPTURE(size);
        WireReader in(std::string_view(body).substr(0, size));
        REQUIRE_THROWS_AS(decode(in, version), MalformedFrame);
    }
}

}  // namespace kafkalab::kafka::wire::testing
