#include <catch2/catch.hpp>

#include "broker_model/client/send_schedule.h"

using namespace kafkalab::kafka;
using namespace std::chrono_literals;
using kafkalab::sim::Duration;
using kafkalab::sim::RandomStream;

TEST_CASE("every 3s sends one record now and then one every three seconds") {
    RandomStream random(1);
    auto schedule = parse_send_schedule("every 3s");
    for (int i = 0; i < 3; ++i) {
        const auto step = schedule->next(random);
        CHECK(step.records == 1);
        CHECK(step.wait == 3s);
    }
    CHECK(schedule->describe() == "every 3s");
}

TEST_CASE("a rate sends evenly spaced records with no drift, even when the gap is not a whole nanosecond") {
    RandomStream random(2);
    auto thousand = parse_send_schedule("1000/s");
    CHECK(thousand->next(random).wait == 1ms);
    auto three = parse_send_schedule("3/s");
    Duration elapsed{0};
    for (int i = 0; i < 3; ++i) {
        const auto step = three->next(random);
        CHECK(step.records == 1);
        CHECK((step.wait == Duration{333'333'333} || step.wait == Duration{333'333'334}));
        elapsed += step.wait;
    }
    CHECK(elapsed == 1s);  // three records per second exactly, not 999'999'999ns
    CHECK(parse_send_schedule("0.5/s")->next(random).wait == 2s);
    CHECK(parse_send_schedule("50/100ms")->next(random).wait == 2ms);
    CHECK(parse_send_schedule("120/m")->next(random).wait == 500ms);
}

TEST_CASE("a Poisson schedule starts with a wait and has exponential gaps of the requested mean") {
    RandomStream random(3);
    auto schedule = parse_send_schedule("poisson 50/s");
    const auto first = schedule->next(random);
    CHECK(first.records == 0);  // a Poisson process has no arrival at time zero
    double total_ns = 0;
    int gaps_below_mean = 0;
    const int n = 20'000;
    for (int i = 0; i < n; ++i) {
        const auto step = schedule->next(random);
        REQUIRE(step.records == 1);
        REQUIRE(step.wait >= Duration{0});
        total_ns += static_cast<double>(step.wait.count());
        gaps_below_mean += step.wait < 20ms;
    }
    CHECK(total_ns / n == Approx(20e6).epsilon(0.03));
    // For an exponential distribution, 1 - 1/e (63%) of the gaps are shorter than the mean.
    CHECK(static_cast<double>(gaps_below_mean) / n == Approx(0.632).margin(0.02));
    CHECK(schedule->describe() == "poisson 50/s");
}

TEST_CASE("burst 100 every 10s sends a hundred records at once every ten seconds") {
    RandomStream random(4);
    auto schedule = parse_send_schedule("  burst 100   every 10s ");
    const auto step = schedule->next(random);
    CHECK(step.records == 100);
    CHECK(step.wait == 10s);
    CHECK(schedule->describe() == "burst 100 every 10s");
}

TEST_CASE("malformed send schedules are refused with the forms that are accepted") {
    for (const char* bad : {"", "every", "every 3", "every 0s", "every -1s", "sometimes", "1000", "0/s", "1000/x",
                            "poisson", "poisson fast", "burst 0 every 1s", "burst 10 every", "burst ten every 1s",
                            "2000000000/s", "0.000000001/h"}) {
        INFO(bad);
        CHECK_THROWS_AS(parse_send_schedule(bad), std::invalid_argument);
    }
    CHECK_THROWS_WITH(parse_send_schedule("every 3 seconds"), Catch::Contains("send schedule \"every 3 seconds\"") &&
                                                                  Catch::Contains("every <duration>"));
    CHECK_THROWS_WITH(parse_send_schedule("every 3"), Catch::Contains("not a positive duration"));
}
