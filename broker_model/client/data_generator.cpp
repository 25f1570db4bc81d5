#include "broker_model/client/data_generator.h"

#include <array>
#include <cassert>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <stdexcept>

namespace kafkalab::kafka {
namespace {

// Made-up word lists. They hold no character that needs escaping in JSON, which keeps
// the rendering below a plain concatenation.
constexpr std::array<std::string_view, 30> first_names = {
    "Ada", "Bruno", "Carla", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ivo", "Jonas",
    "Keiko", "Lena", "Mira", "Nico", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tariq",
    "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zora", "Anouk", "Boris", "Chiara", "Dalia"};
constexpr std::array<std::string_view, 30> last_names = {
    "Holt", "Brandt", "Okafor", "Lindqvist", "Moreau", "Petrov", "Quintero", "Sato", "Varga", "Weiss",
    "Adeyemi", "Bianchi", "Castell", "Dubois", "Eriksen", "Fontaine", "Gallo", "Horvat", "Ilic", "Jansen",
    "Kovac", "Larsen", "Marsh", "Novak", "Ortega", "Pike", "Rahman", "Stone", "Tanaka", "Vos"};
constexpr std::array<std::string_view, 30> street_names = {
    "Larch Lane", "Maple Street", "Quarry Road", "Harbour Way", "Mill Lane", "Orchard Close",
    "Station Road", "Foundry Street", "Willow Walk", "Beacon Hill", "Canal Street", "Juniper Row",
    "Kestrel Drive", "Lantern Court", "Meadow View", "North Parade", "Oak Avenue", "Pebble Lane",
    "Rowan Crescent", "Saltmarsh Road", "Tanner Street", "Upper Green", "Vine Terrace", "Wharf Road",
    "Yew Gardens", "Alder Grove", "Birch Rise", "Cedar Place", "Elm Square", "Fern Hollow"};
constexpr std::array<std::string_view, 30> cities = {
    "Eastwick", "Northam", "Riverton", "Lowmoor", "Ashby", "Bramfield", "Coldharbour", "Dunmere",
    "Fairhaven", "Greystone", "Highcliff", "Ironbridge", "Kingsmoor", "Longford", "Marlow Vale",
    "Newbury Cross", "Oakridge", "Pennfold", "Redcastle", "Saltcombe", "Thornbury", "Upton Mill",
    "Westerly", "Yarrowby", "Amberley", "Brookhollow", "Crowhurst", "Deepdale", "Elmstead", "Foxley"};

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& words, sim::RandomStream& random) {
    return words[random.below(N)];
}

std::string lower(std::string_view text) {
    std::string result(text);
    for (char& c : result) {
        if (c == ' ') c = '-';
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return result;
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's civil_from_days), so no time zone database is involved.
void civil_from_days(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned shifted_month = (5 * day_of_year + 2) / 153;
    day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
    year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0);
}

class FakeUserRegistration final : public ValueGenerator {
public:
    std::string generate(std::uint64_t, sim::Time now, sim::RandomStream& random) override {
        const std::string_view first = pick(first_names, random);
        const std::string_view last = pick(last_names, random);
        const auto house_number = random.between(1, 250);
        const std::string_view street = pick(street_names, random);
        const std::string_view city = pick(cities, random);
        std::string json = "{\"name\":\"";
        json.append(first).append(" ").append(last);
        json.append("\",\"address\":\"").append(std::to_string(house_number)).append(" ").append(street);
        json.append(", ").append(city);
        json.append("\",\"email\":\"").append(lower(first)).append(".").append(lower(last)).append("@example.com");
        json.append("\",\"created_at\":\"").append(format_iso8601(now)).append("\"}");
        return json;
    }
};

class SequenceValues final : public ValueGenerator {
public:
    std::string generate(std::uint64_t sequence, sim::Time, sim::RandomStream&) override {
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "message-%06llu", static_cast<unsigned long long>(sequence));
        return buffer;
    }
};

class FixedValue final : public ValueGenerator {
public:
    explicit FixedValue(std::string text) : text_(std::move(text)) {}
    std::string generate(std::uint64_t, sim::Time, sim::RandomStream&) override { return text_; }
    std::string_view generate_view(std::uint64_t, sim::Time, sim::RandomStream&, std::string&) override {
        return text_;
    }

private:
    std::string text_;
};

class RandomBytes final : public ValueGenerator {
public:
    explicit RandomBytes(std::size_t size_bytes) : size_bytes_(size_bytes) {}
    std::string generate(std::uint64_t sequence, sim::Time now, sim::RandomStream& random) override {
        std::string value;
        generate_view(sequence, now, random, value);
        return value;
    }
    std::string_view generate_view(std::uint64_t, sim::Time, sim::RandomStream& random, std::string& scratch) override {
        static constexpr std::string_view alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        // A draw read as a fraction of 2^64 gives its base-36 digits one multiply
        // each: 12 letters per draw (62 of its 64 bits), each uniform to within 2^-40.
        constexpr int letters_per_draw = 12;
        scratch.resize(size_bytes_);
        std::uint64_t fraction = 0;
        int left = 0;
        for (char& c : scratch) {
            if (left == 0) fraction = random.next_u64(), left = letters_per_draw;
            const unsigned __int128 scaled = static_cast<unsigned __int128>(fraction) * alphabet.size();
            c = alphabet[static_cast<std::size_t>(scaled >> 64)];
            fraction = static_cast<std::uint64_t>(scaled);
            --left;
        }
        return scratch;
    }

private:
    std::size_t size_bytes_;
};

std::size_t parse_payload_size(std::string_view name, std::string_view digits) {
    std::size_t size = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() || size == 0 ||
        size > max_random_payload_bytes) {
        throw std::invalid_argument("value generator \"" + std::string(name) +
                                    "\": expected random-bytes:<size>, a whole number of bytes from 1 to " +
                                    std::to_string(max_random_payload_bytes));
    }
    return size;
}

}  // namespace

std::string format_iso8601(sim::Time now) {
    assert(now >= sim::time_zero);
    // 2024-01-01T00:00:00Z is 19723 days after the Unix epoch.
    constexpr std::int64_t epoch_day = 19723;
    const std::int64_t total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::int64_t ms_per_day = 86'400'000;
    std::int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(epoch_day + total_ms / ms_per_day, year, month, day);
    const std::int64_t ms_of_day = total_ms % ms_per_day;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(year),
                  month, day, static_cast<long long>(ms_of_day / 3'600'000), static_cast<long long>(ms_of_day / 60'000 % 60),
                  static_cast<long long>(ms_of_day / 1000 % 60), static_cast<long long>(ms_of_day % 1000));
    return buffer;
}

std::unique_ptr<ValueGenerator> make_value_generator(std::string_view name) {
    constexpr std::string_view fixed_prefix = "fixed:";
    constexpr std::string_view random_prefix = "random-bytes:";
    if (name == "fake-user-registration") return std::make_unique<FakeUserRegistration>();
    if (name == "sequence") return std::make_unique<SequenceValues>();
    if (name.starts_with(fixed_prefix)) return std::make_unique<FixedValue>(std::string(name.substr(fixed_prefix.size())));
    if (name.starts_with(random_prefix)) {
        return std::make_unique<RandomBytes>(parse_payload_size(name, name.substr(random_prefix.size())));
    }
    throw std::invalid_argument("unknown value generator \"" + std::string(name) +
                                "\"; expected fake-user-registration, sequence, fixed:<text> or random-bytes:<size>");
}

}  // namespace kafkalab::kafka
