#pragma once
// A fast, stable 64-bit hash of a payload's bytes, for checkers that identify values
// by hash (the send ledger). stable_hash (FNV-1a) walks a byte at a time, which costs
// more than the rest of a send for a 100-byte value; this one takes 16 bytes a step.
// The same bytes give the same hash on every little-endian platform and in every run.
#include <cstdint>
#include <string_view>

namespace kafkalab::sim {

std::uint64_t content_hash(std::string_view bytes);

}  // namespace kafkalab::sim
