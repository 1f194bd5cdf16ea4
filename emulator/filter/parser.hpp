// Compile: filter-pattern text -> the tree of pattern.hpp, or the SyntaxError AWS would answer with
// InvalidParameterException. The grammar is specified in the opening comment of parser.cpp
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
#pragma once
#include <cstddef>
#include <string_view>
#include <variant>

#include "filter/pattern.hpp"
#include "filter/syntax_error.hpp"

namespace trailbox::filter {

/// Longest pattern the API accepts, in characters (the FilterPattern shape, spec §1).
constexpr size_t kMaxPatternLength = 1024;
/// Regular expressions allowed in one pattern (spec §1).
constexpr size_t kMaxRegexesPerPattern = 2;
/// JSON wildcard selectors (.* or [*]) allowed in one pattern; one selector may hold one (spec §1).
constexpr size_t kMaxWildcardsPerPattern = 3;

/// What Compile gives: the compiled pattern, or why AWS would reject the text.
using CompileResult = std::variant<Pattern, SyntaxError>;

/// Compiles a filter pattern of any family. Bad input is a SyntaxError in the result, never an exception.
CompileResult Compile(std::string_view text);

/// Parses one JSON property selector ($.a.b[0], $.['k.k'], $.*) as patterns and metric values write it;
/// `position` is where `text` starts in the enclosing text, for errors. Throws SyntaxError.
Selector ParseSelector(std::string_view text, size_t position);

}  // namespace trailbox::filter
