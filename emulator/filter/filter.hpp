// The filter-pattern library in one include, for its users (the Logs service, backtest, test-pattern):
//   Compile(text)               -> Pattern or SyntaxError                          parser.hpp
//   Event(message)              -> one event, parsed at most once for all patterns event.hpp
//   Matches / Match(pattern, e) -> match, plus extractedValues                     matcher.hpp
//   CompileValueRef / Extract*  -> metric values and dimension values              extract.hpp
// The language: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
#pragma once
#include "filter/event.hpp"
#include "filter/explain.hpp"
#include "filter/extract.hpp"
#include "filter/matcher.hpp"
#include "filter/parser.hpp"
#include "filter/pattern.hpp"
#include "filter/syntax_error.hpp"
