// Helpers shared by the filter/ unit tests (only *_test.cpp include this): compile-or-fail and one-line matches.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>

#include "filter/filter.hpp"

namespace trailbox::filter::testing_support {

/// The compiled pattern; a test failure (and an empty pattern) when it is rejected.
inline Pattern MustCompile(std::string_view text) {
  CompileResult result = Compile(text);
  if (const auto* error = std::get_if<SyntaxError>(&result)) {
    ADD_FAILURE() << "rejected: " << text << ": " << error->message;
    return Pattern();
  }
  return std::get<Pattern>(std::move(result));
}

/// The error for a pattern that must be rejected; a test failure when it is accepted.
inline SyntaxError MustFail(std::string_view text) {
  CompileResult result = Compile(text);
  if (const auto* error = std::get_if<SyntaxError>(&result)) return *error;
  ADD_FAILURE() << "accepted: " << text;
  return SyntaxError();
}

/// Whether `message` matches `pattern` (compiled here).
inline bool PatternMatches(std::string_view pattern, std::string_view message) {
  Pattern compiled = MustCompile(pattern);
  return Matches(compiled, Event(message));
}

}  // namespace trailbox::filter::testing_support
