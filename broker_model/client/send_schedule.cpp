#include "broker_model/client/send_schedule.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace kafkalab::kafka {
namespace {

/// The slowest rate accepted, as a mean gap: even an extreme exponential draw (about 37
/// means) stays inside the nanosecond clock's range.
constexpr double max_mean_gap_ns = 1e17;

/// R records per period, R = numerator / denominator exactly (a decimal such as 0.5 is 5/10).
struct Rate {
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;
    sim::Duration period{0};
    std::string text;

    /// When the n-th evenly spaced record is due: floor(n * period / R), in exact integers.
    std::int64_t due_ns(std::uint64_t n) const {
        const __int128 scaled = static_cast<__int128>(n) * period.count() * denominator;
        return static_cast<std::int64_t>(scaled / numerator);
    }
    double mean_gap_ns() const {
        return static_cast<double>(period.count()) * static_cast<double>(denominator) / static_cast<double>(numerator);
    }
};

[[noreturn]] void fail(std::string_view text, std::string_view reason) {
    throw std::invalid_argument("send schedule \"" + std::string(text) + "\": " + std::string(reason) +
                                "; expected \"every <duration>\", \"<rate>/s\", \"poisson <rate>/s\" or "
                                "\"burst <count> every <duration>\"");
}

std::vector<std::string_view> split_words(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && text[pos] == ' ') ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] != ' ') ++pos;
        if (pos > start) words.push_back(text.substr(start, pos - start));
    }
    return words;
}

sim::Duration parse_positive_duration(std::string_view text, std::string_view word) {
    const auto duration = sim::parse_duration(word);
    if (!duration || duration->count() <= 0) fail(text, "\"" + std::string(word) + "\" is not a positive duration such as 3s");
    return *duration;
}

/// "1000/s", "0.5/s", "50/100ms": at most nine decimals, so the rate stays an exact fraction.
Rate parse_rate(std::string_view text, std::string_view word) {
    const std::size_t slash = word.find('/');
    if (slash == std::string_view::npos) fail(text, "a rate needs a period, as in 1000/s");
    const std::string_view number = word.substr(0, slash);
    std::string_view per = word.substr(slash + 1);
    Rate rate;
    rate.text = std::string(word);
    bool any_digit = false;
    bool after_point = false;
    for (char c : number) {
        if (c == '.' && !after_point) {
            after_point = true;
        } else if (c >= '0' && c <= '9' && rate.numerator < 100'000'000'000 && rate.denominator < 1'000'000'000) {
            rate.numerator = rate.numerator * 10 + (c - '0');
            if (after_point) rate.denominator *= 10;
            any_digit = true;
        } else {
            fail(text, "\"" + std::string(number) + "\" is not a rate such as 1000 or 0.5");
        }
    }
    if (!any_digit || rate.numerator == 0) fail(text, "the rate must be above zero");
    const std::string per_text = !per.empty() && per.front() >= '0' && per.front() <= '9' ? std::string(per) : "1" + std::string(per);
    rate.period = parse_positive_duration(text, per_text);
    if (rate.mean_gap_ns() < 1.0) fail(text, "the rate is above one record per nanosecond");
    // About three years between records: slower rates would overflow the clock's range.
    if (rate.mean_gap_ns() > max_mean_gap_ns) fail(text, "the rate is below one record in three years");
    return rate;
}

class Every final : public SendSchedule {
public:
    explicit Every(sim::Duration period) : period_(period) {}
    SendStep next(sim::RandomStream&) override { return {1, period_}; }
    std::string describe() const override { return "every " + sim::format_duration(period_); }

private:
    sim::Duration period_;
};

class EvenRate final : public SendSchedule {
public:
    explicit EvenRate(Rate rate) : rate_(std::move(rate)) {}
    SendStep next(sim::RandomStream&) override {
        const std::int64_t wait = rate_.due_ns(sent_ + 1) - rate_.due_ns(sent_);
        ++sent_;
        return {1, sim::Duration{wait}};
    }
    std::string describe() const override { return rate_.text; }

private:
    Rate rate_;
    /// Records sent so far; only grows.
    std::uint64_t sent_ = 0;
};

class Poisson final : public SendSchedule {
public:
    explicit Poisson(Rate rate) : rate_(std::move(rate)) {}
    SendStep next(sim::RandomStream& random) override {
        // A Poisson process has no arrival at time zero: the first call only waits.
        const std::uint32_t records = started_ ? 1 : 0;
        started_ = true;
        const auto gap = static_cast<std::int64_t>(std::llround(random.exponential(rate_.mean_gap_ns())));
        return {records, sim::Duration{gap}};
    }
    std::string describe() const override { return "poisson " + rate_.text; }

private:
    Rate rate_;
    bool started_ = false;
};

class Burst final : public SendSchedule {
public:
    Burst(std::uint32_t records, sim::Duration period) : records_(records), period_(period) {}
    SendStep next(sim::RandomStream&) override { return {records_, period_}; }
    std::string describe() const override {
        return "burst " + std::to_string(records_) + " every " + sim::format_duration(period_);
    }

private:
    std::uint32_t records_;
    sim::Duration period_;
};

std::uint32_t parse_burst_size(std::string_view text, std::string_view word) {
    std::uint32_t records = 0;
    const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), records);
    if (error != std::errc{} || end != word.data() + word.size() || records == 0 || records > max_burst_records) {
        fail(text, "a burst is a whole number of records from 1 to " + std::to_string(max_burst_records));
    }
    return records;
}

}  // namespace

std::unique_ptr<SendSchedule> parse_send_schedule(std::string_view text) {
    const std::vector<std::string_view> words = split_words(text);
    if (words.size() == 2 && words[0] == "every") {
        return std::make_unique<Every>(parse_positive_duration(text, words[1]));
    }
    if (words.size() == 1 && words[0].find('/') != std::string_view::npos) {
        return std::make_unique<EvenRate>(parse_rate(text, words[0]));
    }
    if (words.size() == 2 && words[0] == "poisson") {
        return std::make_unique<Poisson>(parse_rate(text, words[1]));
    }
    if (words.size() == 4 && words[0] == "burst" && words[2] == "every") {
        return std::make_unique<Burst>(parse_burst_size(text, words[1]), parse_positive_duration(text, words[3]));
    }
    fail(text, "unknown form");
}

}  // namespace kafkalab::kafka
