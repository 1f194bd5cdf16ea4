// Explain (explain.hpp): renders the tree of pattern.hpp as indented lines, one condition per line with its
// meaning spelled out (prefix, suffix, numeric, regex), for people checking what a pattern really tests.
#include "filter/explain.hpp"

namespace trailbox::filter {
namespace {

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

std::string Indent(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

/// "equals "x"", "does not start with "x"", "> 1000 (as a number)", "contains a match of %re%".
std::string DescribeComparison(const Condition& condition) {
  const Operand& operand = condition.operand;
  const bool is_negated = condition.op == CompareOp::kNotEqual;
  switch (operand.kind) {
    case Operand::Kind::kNumber: {
      static constexpr const char* kSymbols[] = {"=", "!=", "<", "<=", ">", ">="};
      return std::string(kSymbols[static_cast<int>(condition.op)]) + " " + operand.text + " (as a number)";
    }
    case Operand::Kind::kRegex:
      return std::string(is_negated ? "has no match of" : "has a match of") + " %" + operand.text + "%";
    case Operand::Kind::kText:
      break;
  }
  switch (operand.text_match) {
    case TextMatch::kExact: return std::string(is_negated ? "does not equal " : "equals ") + Quoted(operand.text);
    case TextMatch::kPrefix:
      return std::string(is_negated ? "does not start with " : "starts with ") + Quoted(operand.text);
    case TextMatch::kSuffix:
      return std::string(is_negated ? "does not end with " : "ends with ") + Quoted(operand.text);
    case TextMatch::kContains:
      return std::string(is_negated ? "does not contain " : "contains ") + Quoted(operand.text);
    case TextMatch::kAny: return is_negated ? "never (no value differs from *)" : "has any value";
  }
  return "";
}

std::string DescribeJsonCondition(const Pattern& pattern, const Condition& condition) {
  const Selector& selector = pattern.selectors[condition.selector];
  std::string subject = selector.text + (selector.has_wildcard ? " (any selected value)" : "");
  switch (condition.check) {
    case Check::kIsNull: return subject + " is null";
    case Check::kIsTrue: return subject + " is true";
    case Check::kIsFalse: return subject + " is false";
    case Check::kNotExists: return selector.text + " does not exist";
    case Check::kCompare: return subject + " " + DescribeComparison(condition);
  }
  return subject;
}

void ExplainExpr(const Pattern& pattern, const Expr& expr, int depth, std::string& out) {
  if (expr.kind == Expr::Kind::kCondition) {
    out += Indent(depth) + DescribeJsonCondition(pattern, expr.condition) + "\n";
    return;
  }
  out += Indent(depth) + (expr.kind == Expr::Kind::kAnd ? "ALL of (&&):" : "ANY of (||):") + "\n";
  for (const Expr& child : expr.children) ExplainExpr(pattern, child, depth + 1, out);
}

void ExplainTerms(const Pattern& pattern, std::string& out) {
  bool has_required_or_excluded = false;
  for (const Term& term : pattern.terms) has_required_or_excluded |= term.kind != TermKind::kOptional;
  out += "term pattern: case-sensitive text search in the raw message\n";
  for (const Term& term : pattern.terms) {
    switch (term.kind) {
      case TermKind::kRequired: out += "  must contain " + Quoted(term.text) + "\n"; break;
      case TermKind::kExcluded: out += "  must not contain " + Quoted(term.text) + "\n"; break;
      case TermKind::kOptional:
        out += "  may contain " + Quoted(term.text) +
               (has_required_or_excluded ? " (ignored: AWS ignores ?terms next to other terms)\n"
                                         : " (at least one ?term must occur)\n");
        break;
    }
  }
}

void ExplainDelimited(const Pattern& pattern, std::string& out) {
  out += "space-delimited pattern with " + std::to_string(pattern.slots.size()) + " slots";
  out += pattern.slots.empty() ? ": every event matches; every field is extracted as $1, $2, ...\n" : "\n";
  bool has_ellipsis = false;
  for (size_t i = 0; i < pattern.slots.size(); ++i) {
    const Slot& slot = pattern.slots[i];
    std::string where = has_ellipsis ? "after ..." : "field " + std::to_string(i + 1);
    switch (slot.kind) {
      case Slot::Kind::kEllipsis:
        has_ellipsis = true;
        out += "  ...: any number of fields, extracted as $N\n";
        continue;
      case Slot::Kind::kUnnamed:
        out += "  " + where + ": unnamed, any value, extracted as $N\n";
        continue;
      case Slot::Kind::kNamed:
        break;
    }
    bool is_last = i + 1 == pattern.slots.size();
    out += "  " + where + ": $" + slot.name +
           (is_last && !has_ellipsis ? " (takes the rest of the line when there are more fields)" : "") + "\n";
    for (size_t g = 0; g < slot.any_of.size(); ++g) {
      out += std::string(g == 0 ? "    where " : "    or ");
      for (size_t c = 0; c < slot.any_of[g].size(); ++c) {
        out += (c == 0 ? "" : " and ") + DescribeComparison(slot.any_of[g][c]);
      }
      out += "\n";
    }
  }
}

}  // namespace

std::string Explain(const Pattern& pattern) {
  std::string out;
  switch (pattern.family) {
    case Family::kMatchAll:
      out += "match-all pattern: every event matches\n";
      break;
    case Family::kTerms:
      ExplainTerms(pattern, out);
      break;
    case Family::kRegex:
      out += "regex pattern: %" + pattern.regexes[0].source() + "% searched anywhere in the raw message (" +
             std::to_string(pattern.regexes[0].state_count()) + " NFA states)\n";
      break;
    case Family::kJson:
      out += "JSON pattern: the event must be a JSON object\n";
      ExplainExpr(pattern, pattern.expr, 1, out);
      break;
    case Family::kDelimited:
      ExplainDelimited(pattern, out);
      break;
  }
  if (!pattern.fields.empty()) {
    out += "reads:";
    for (const std::string& field : pattern.fields) out += " " + field;
    out += "\n";
  }
  return out;
}

}  // namespace trailbox::filter
