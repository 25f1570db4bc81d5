// ChunkedVector: the append-only storage of the send ledger.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "broker_model/common/chunked_vector.h"

using kafkalab::kafka::ChunkedVector;

TEST_CASE("a chunked vector keeps appended elements in order and in place across chunks") {
    ChunkedVector<std::string, 4> v;
    v.push_back("first");
    const std::string* first = &v[0];
    for (int i = 1; i < 10; ++i) v.emplace_back("record-" + std::to_string(i));
    CHECK(v.size() == 10);
    CHECK(&v[0] == first);  // growing never moves what is there
    CHECK(v.back() == "record-9");
    CHECK(v[5] == "record-5");
    CHECK(std::find(v.begin(), v.end(), "record-7") - v.begin() == 7);
    std::size_t seen = 0;
    for (const auto& s : v) seen += !s.empty();
    CHECK(seen == 10);
}

TEST_CASE("a chunked vector copies deeply and moves by handing its chunks over") {
    ChunkedVector<std::string, 2> v;
    for (int i = 0; i < 5; ++i) v.emplace_back(std::to_string(i));
    ChunkedVector<std::string, 2> copy = v;
    copy[0] = "changed";
    CHECK(v[0] == "0");
    ChunkedVector<std::string, 2> moved = std::move(v);
    CHECK(moved.size() == 5);
    CHECK(v.empty());  // a moved-from container is empty and usable
    v = moved;
    CHECK(v.size() == 5);
    CHECK(v[4] == "4");
}
