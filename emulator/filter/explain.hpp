// A readable rendering of a compiled filter pattern, for `trailbox test-pattern --explain`: the family, and the
// tree as the parser read it, so precedence surprises (CIS 4.1 reads as A || (B && C && D)) are visible.
#pragma once
#include <string>

#include "filter/pattern.hpp"

namespace trailbox::filter {

/// Several lines describing `pattern`, each ending in a newline.
std::string Explain(const Pattern& pattern);

}  // namespace trailbox::filter
