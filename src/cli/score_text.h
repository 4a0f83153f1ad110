// How a score and a budget read in text, the same in every command that shows them (`match`,
// `list --explain`): "$30–50/h", "matched: OpenCV, Python · missing: ROS", "skills 52 + …".
#pragma once

#include <optional>
#include <string>

#include "model/listing.h"
#include "scoring/scorer.h"

namespace gigscout::cli {

// "$30–50/h", "€1,500 fixed", "up to $500 fixed", "$90,000–120,000/yr"; "—" without amounts.
std::string budget_text(const std::optional<Budget>& b);

// A skill's display name from the taxonomy ("OpenCV"); the id when the taxonomy lacks it.
std::string skill_name(const std::string& id);

// "matched: OpenCV, Python · partial: Keras (via TensorFlow) · missing: ROS".
std::string explanation(const Score& s);

// The score's components: "skills 52 + experience 10 − penalty 5".
std::string points_line(const Score& s);

// Prints `text` word-wrapped at 110 columns, every line indented under a table row.
void print_wrapped(const std::string& text);

}  // namespace gigscout::cli
