// The idempotent producer's sequence rules (Kafka 3.x TransactionManager, KIP-98 and
// KIP-360), on their own: cluster faults rarely line them up on demand.
#include <catch2/catch.hpp>

#include "broker_model/client/producer_idempotence.h"

using namespace kafkalab;
using namespace kafkalab::kafka;

namespace {

const TopicPartition tp{"t", 0};

ProducerBatchPtr batch_of(std::size_t records) {
    auto batch = std::make_shared<ProducerBatch>(tp, sim::time_zero, 16384);
    for (std::size_t i = 0; i < records; ++i) batch->try_append(std::nullopt, "v", 0, i + 1, {});
    batch->close();
    return batch;
}

ProducerIdempotence with_id() {
    ProducerIdempotence idempotence;
    idempotence.set_producer_id(ProducerId{7}, ProducerEpoch{0});
    return idempotence;
}

}  // namespace

TEST_CASE("batches of a partition are numbered from 0 by records, and nothing is numbered before InitProducerId") {
    ProducerIdempotence none;
    CHECK(none.should_stop_drain(*batch_of(1)));
    ProducerIdempotence idempotence = with_id();
    auto a = batch_of(2);
    auto b = batch_of(3);
    idempotence.assign_sequence(a);
    idempotence.assign_sequence(b);
    CHECK(a->base_sequence() == 0);
    CHECK(b->base_sequence() == 2);
    CHECK(b->last_sequence() == 4);
    CHECK(idempotence.next_sequence(tp) == 5);
    CHECK(b->producer().producer_id == ProducerId{7});
}

TEST_CASE("OUT_OF_ORDER_SEQUENCE_NUMBER for a batch behind a failed one is retried after its predecessor") {
    ProducerIdempotence idempotence = with_id();
    auto a = batch_of(2);
    auto b = batch_of(1);
    idempotence.assign_sequence(a);
    idempotence.assign_sequence(b);
    // a failed retriably and is queued again; b reached the broker first and was refused.
    CHECK(idempotence.can_retry(Error::out_of_order_sequence_number, *b));
    CHECK_FALSE(idempotence.epoch_bump_pending());
    // Only the oldest in-flight batch may go: b waits for a.
    CHECK(idempotence.should_stop_drain(*b));
    CHECK_FALSE(idempotence.should_stop_drain(*a));
    idempotence.on_batch_completed(*a);
    CHECK_FALSE(idempotence.should_stop_drain(*b));
}

TEST_CASE("OUT_OF_ORDER_SEQUENCE_NUMBER for the next expected batch bumps the epoch and renumbers from 0 (KIP-360)") {
    ProducerIdempotence idempotence = with_id();
    auto a = batch_of(2);
    auto b = batch_of(1);
    idempotence.assign_sequence(a);
    idempotence.assign_sequence(b);
    idempotence.on_batch_completed(*a);
    // b follows the last acknowledged sequence exactly, yet the broker has a gap.
    CHECK(idempotence.can_retry(Error::out_of_order_sequence_number, *b));
    CHECK(idempotence.epoch_bump_pending());
    idempotence.bump_epoch_if_needed();
    CHECK(idempotence.producer_epoch() == ProducerEpoch{1});
    CHECK(b->producer().producer_epoch == ProducerEpoch{1});
    CHECK(b->base_sequence() == 0);
    CHECK(b->sequence_has_been_reset());
    CHECK(idempotence.next_sequence(tp) == 1);
}

TEST_CASE("after a sent batch expires no new batch is numbered until the in-flight ones settle the gap") {
    ProducerIdempotence idempotence = with_id();
    auto a = batch_of(1);
    idempotence.assign_sequence(a);
    a->record_attempt();
    idempotence.on_batch_failed(*a, false);
    idempotence.mark_unresolved(*a);
    auto fresh = batch_of(1);
    CHECK(idempotence.should_stop_drain(*fresh));
    // Nothing in flight acknowledged sequence 0: the gap stays, so the epoch is bumped.
    idempotence.resolve_sequences();
    CHECK(idempotence.epoch_bump_pending());
    idempotence.bump_epoch_if_needed();
    CHECK_FALSE(idempotence.should_stop_drain(*fresh));
    idempotence.assign_sequence(fresh);
    CHECK(fresh->base_sequence() == 0);
    CHECK(fresh->producer().producer_epoch == ProducerEpoch{1});
}
