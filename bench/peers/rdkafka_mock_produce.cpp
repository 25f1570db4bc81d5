// Peer for the Kafka produce workload: librdkafka's built-in mock cluster
// (test.mock.num.brokers=3), one topic of 6 partitions with replication factor 3,
// acks=all, linger.ms=5, N records of 100 bytes, timed until every delivery report
// has arrived. The mock acknowledges acks=all at once (it keeps no followers in step),
// so it does less work than a cluster that replicates.
//
// Usage: rdkafka_mock_produce [records]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "bench/result_line.h"

namespace {

std::int64_t delivered = 0;
std::int64_t failed = 0;

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
    if (message->err) ++failed;
    else ++delivered;
}

bool set(rd_kafka_conf_t* conf, const char* name, const char* value) {
    char error[256];
    if (rd_kafka_conf_set(conf, name, value, error, sizeof error) == RD_KAFKA_CONF_OK) return true;
    std::fprintf(stderr, "rdkafka_mock_produce: %s=%s: %s\n", name, value, error);
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    const std::int64_t records = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    bool ok = set(conf, "test.mock.num.brokers", "3") && set(conf, "acks", "all") && set(conf, "linger.ms", "5") &&
              set(conf, "queue.buffering.max.messages", "2000000") &&
              set(conf, "queue.buffering.max.kbytes", "2097151");
    if (!ok) return 2;
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    char error[256];
    rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    if (!producer) {
        std::fprintf(stderr, "rdkafka_mock_produce: %s\n", error);
        return 2;
    }
    rd_kafka_mock_cluster_t* cluster = rd_kafka_handle_mock_cluster(producer);
    if (rd_kafka_mock_topic_create(cluster, "bench", 6, 3) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        std::fprintf(stderr, "rdkafka_mock_produce: cannot create the mock topic\n");
        return 2;
    }
    std::string value(100, 'x');
    auto start = std::chrono::steady_clock::now();
    for (std::int64_t i = 0; i < records; ++i) {
        for (;;) {
            rd_kafka_resp_err_t err = rd_kafka_producev(
                producer, RD_KAFKA_V_TOPIC("bench"), RD_KAFKA_V_VALUE(value.data(), value.size()),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
            if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
            if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                std::fprintf(stderr, "rdkafka_mock_produce: %s\n", rd_kafka_err2str(err));
                return 1;
            }
            rd_kafka_poll(producer, 10);
        }
        if ((i & 0xffff) == 0) rd_kafka_poll(producer, 0);
    }
    while (delivered + failed < records) rd_kafka_poll(producer, 10);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("librdkafka mock cluster: %lld records acknowledged (%lld failed) in %.2f s wall: %.2f M records/s\n",
                static_cast<long long>(delivered), static_cast<long long>(failed), seconds,
                static_cast<double>(delivered) / seconds / 1e6);
    kafkalab::bench::print_result("produce 1 M records, acks=all, RF 3", "librdkafka 2.0.2 mock cluster",
                                  static_cast<double>(delivered) / seconds, "records/s");
    rd_kafka_destroy(producer);
    return failed == 0 ? 0 : 1;
}
