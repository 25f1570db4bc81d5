#include <catch2/catch.hpp>

#include "broker_model/client/murmur2.h"

using namespace kafkalab::kafka;

TEST_CASE("murmur2 matches the vectors of Kafka's UtilsTest.testMurmur2") {
    CHECK(murmur2("21") == -973932308);
    CHECK(murmur2("foobar") == -790332482);
    CHECK(murmur2("a-little-bit-long-string") == -985981536);
    CHECK(murmur2("a-little-bit-longer-string") == -1486304829);
    CHECK(murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") == -58897971);
    const char abc[] = {'a', 'b', 'c'};
    CHECK(murmur2(std::string_view(abc, 3)) == 479470107);
}

TEST_CASE("murmur2 hashes every tail length, the empty key and bytes above 0x7f like Java") {
    // Expected values from an independent implementation of Utils.murmur2.
    CHECK(murmur2("") == 275646681);
    CHECK(murmur2("A") == 1592744578);
    CHECK(murmur2("user-1") == 1404122828);
    CHECK(murmur2("order-42") == 501153024);
    CHECK(murmur2("\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87") == 2122343024);  // "ключ" in UTF-8
}

TEST_CASE("to_positive clears the sign bit instead of negating") {
    CHECK(to_positive(5) == 5);
    CHECK(to_positive(-1) == 0x7fffffff);
    CHECK(to_positive(INT32_MIN) == 0);
    CHECK(to_positive(-973932308) == 1173551340);
}

TEST_CASE("a keyed record goes to toPositive(murmur2(key)) % partitions, so adding partitions remaps keys") {
    CHECK(partition_for_key("21", 50) == 40);
    CHECK(partition_for_key("foobar", 4) == 2);
    CHECK(partition_for_key("user-1", 3) == 2);
    CHECK(partition_for_key("user-2", 3) == 2);
    CHECK(partition_for_key("user-3", 3) == 2);
    // Lesson 3: the same key after the topic grows from 3 to 4 partitions.
    CHECK(partition_for_key("user-3", 4) == 3);
    CHECK(partition_for_key("a-little-bit-longer-string", 6) == 5);
    CHECK(partition_for_key("abc", 1) == 0);
}
