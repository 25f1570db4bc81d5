#include <catch2/catch.hpp>

#include "broker_model/client/group_coordinator_partition.h"
#include "broker_model/client/java_hash.h"

using namespace kafkalab::kafka;

TEST_CASE("java_string_hash is Java's String.hashCode for ASCII text") {
    CHECK(java_string_hash("") == 0);
    CHECK(java_string_hash("a") == 97);
    CHECK(java_string_hash("Aa") == 65 * 31 + 97);
    CHECK(java_string_hash("BB") == java_string_hash("Aa"));  // Java's best-known collision
    CHECK(java_string_hash("analytics") == -1693017210);
    CHECK(java_string_hash("consumer1") == -421004549);
}

TEST_CASE("java_string_hash counts UTF-16 code units: one per BMP character, a surrogate pair above it") {
    CHECK(java_string_hash("caf\xc3\xa9") == 3045921);                  // "café", é = U+00E9
    CHECK(java_string_hash("\xe6\x97\xa5\xe6\x9c\xac") == 0x65E5 * 31 + 0x672C);  // "日本"
    CHECK(java_string_hash("\xf0\x9f\x98\x80") == 0xD83D * 31 + 0xDE00);  // U+1F600 as its surrogates
    CHECK(java_string_hash("\xff") == 0xFFFD);                            // a malformed byte reads as U+FFFD
}

TEST_CASE("a group's coordinator partition is abs(hashCode) % offsets.topic.num.partitions") {
    CHECK(coordinator_partition("analytics") == 10);  // |-1693017210| % 50
    CHECK(coordinator_partition("my-group") == 12);
    CHECK(coordinator_partition("registrations") == 32);
    CHECK(coordinator_partition("a") == 47);
    CHECK(coordinator_partition("") == 0);
    CHECK(coordinator_partition("caf\xc3\xa9") == 21);
    CHECK(coordinator_partition("\xf0\x9f\x98\x80") == 49);
    CHECK(coordinator_partition("registrations", 3) == 1);
}

TEST_CASE("a group id hashing to Integer.MIN_VALUE lands on partition 0, as Kafka's Utils.abs makes it") {
    REQUIRE(java_string_hash("polygenelubricants") == INT32_MIN);
    CHECK(kafka_abs(INT32_MIN) == 0);
    CHECK(kafka_abs(-7) == 7);
    CHECK(coordinator_partition("polygenelubricants") == 0);
    CHECK(coordinator_partition("polygenelubricants", 7) == 0);
}

TEST_CASE("java_hash_map_order visits keys by hash bucket like java.util.HashMap") {
    // Buckets at 16: consumer1 -> 12, consumer2 -> 11, consumer3 -> 10.
    CHECK(java_hash_map_order({"consumer1", "consumer2", "consumer3"}) ==
          std::vector<std::string>{"consumer3", "consumer2", "consumer1"});
    // "Aa" and "BB" share a bucket, so insertion order decides between them.
    CHECK(java_hash_map_order({"BB", "Aa"}) == std::vector<std::string>{"BB", "Aa"});
    CHECK(java_hash_map_order({"Aa", "BB"}) == std::vector<std::string>{"Aa", "BB"});
    CHECK(java_hash_map_capacity(12) == 16);
    CHECK(java_hash_map_capacity(13) == 32);
    CHECK(java_hash_map_capacity(25) == 64);
    CHECK(java_topic_partition_hash("topic", 0) == 31 * 31 + java_string_hash("topic"));
}
