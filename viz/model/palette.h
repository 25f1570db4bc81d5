#pragma once
// The viewer's colours: the Okabe–Ito palette, which stays distinguishable for the
// common forms of colour blindness, plus a few greys. Each meaning has one colour, and
// the crash colour is used for nothing but crashed hosts, so that a test (or a student
// at the back of the room) can find a dead broker by its colour alone.
#include <cstdint>

namespace kafkalab::viz {

struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    bool operator==(const Rgb&) const = default;
};

namespace okabe_ito {
inline constexpr Rgb orange{230, 159, 0};
inline constexpr Rgb sky_blue{86, 180, 233};
inline constexpr Rgb bluish_green{0, 158, 115};
inline constexpr Rgb yellow{240, 228, 66};
inline constexpr Rgb blue{0, 114, 178};
inline constexpr Rgb vermillion{213, 94, 0};
inline constexpr Rgb reddish_purple{204, 121, 167};
}  // namespace okabe_ito

namespace palette {
inline constexpr Rgb background{30, 32, 36};
inline constexpr Rgb panel{44, 47, 53};
inline constexpr Rgb text{230, 230, 230};
inline constexpr Rgb muted{140, 144, 150};
inline constexpr Rgb link_up{110, 115, 122};

inline constexpr Rgb broker_up = okabe_ito::blue;
inline constexpr Rgb zookeeper_up = okabe_ito::bluish_green;
inline constexpr Rgb client = {70, 74, 82};
/// Crashed hosts, filled; used for nothing else.
inline constexpr Rgb host_crashed = okabe_ito::vermillion;
/// Hosts that lost power (unflushed data gone): a darker shade of the crash colour.
inline constexpr Rgb host_powered_off{128, 56, 0};
/// Hosts whose process exited cleanly (a controlled shutdown, a consumer's close): a
/// plain grey, so a clean stop never looks like a crash.
inline constexpr Rgb host_stopped{96, 100, 108};
inline constexpr Rgb controller_mark = okabe_ito::yellow;
inline constexpr Rgb link_cut = okabe_ito::reddish_purple;

inline constexpr Rgb high_watermark = okabe_ito::yellow;
inline constexpr Rgb log_end = okabe_ito::sky_blue;
inline constexpr Rgb committed_offset = okabe_ito::bluish_green;
inline constexpr Rgb consumer_position = okabe_ito::orange;
inline constexpr Rgb out_of_isr = okabe_ito::reddish_purple;
inline constexpr Rgb offline = okabe_ito::reddish_purple;

/// The cross and bar over records a truncation removed; used for nothing else, so a
/// test can count struck cells by colour. The cross's shape carries the meaning for
/// anyone who cannot tell this red from the producers' colours.
inline constexpr Rgb struck_out{255, 48, 96};
/// The banner of a broken model invariant (a simulator bug), behind white text.
inline constexpr Rgb violation_banner{120, 16, 40};

/// Colours for producers, in the order the scenario lists them.
inline constexpr Rgb producers[] = {okabe_ito::orange, okabe_ito::sky_blue, okabe_ito::bluish_green,
                                    okabe_ito::reddish_purple, okabe_ito::yellow, {180, 180, 180}};
}  // namespace palette

}  // namespace kafkalab::viz
