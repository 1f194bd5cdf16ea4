// Compiles the %regex% dialect (regex.hpp,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/regex-expressions.html) into bit masks and searches
// with them. There are no groups, so every `|` splits the whole expression into alternatives, and each
// alternative becomes a chain of NFA states, one per character position once repetition counts are unrolled:
//   one       the character must match, then the next state        x, and the first m copies of x{m,n}
//   optional  match and go on, or skip to the next state           x?, and the n-m optional copies of x{m,n}
//   star      match and stay, or skip to the next state            x*, and the tail of x+ and x{m,}
//   assert    skip to the next state where the assertion holds     ^ $ \A \z \b \B
//   accept    the alternative has matched
// The active states are a bit string. One input character moves it with two masks per character (advance:
// shift by one; stay) and the skips close it with a repeated masked shift, so a search is linear in the text.
// Characters are UTF-8 code points; all non-ASCII code points form one symbol, since AWS allows no multi-byte
// characters in the expression.
#include "filter/regex.hpp"

#include <bitset>

#include "filter/syntax_error.hpp"

namespace trailbox::filter {
namespace {

constexpr size_t kNonAscii = 128;
constexpr size_t kSymbols = 129;
constexpr int kMaxRepeat = 1000;  // RE2's limit for {m,n}
constexpr int kUnbounded = -1;
constexpr size_t kMaxStates = 4096;
constexpr size_t kMaxWords = kMaxStates / 64;

// Rows of Regex::masks_: advance and stay for each symbol, then one row each.
constexpr size_t kAdvanceRow = 0;
constexpr size_t kStayRow = kSymbols;
constexpr size_t kSkipRow = 2 * kSymbols;
constexpr size_t kBeginRow = kSkipRow + 1;
constexpr size_t kEndRow = kSkipRow + 2;
constexpr size_t kWordBoundaryRow = kSkipRow + 3;
constexpr size_t kNotWordBoundaryRow = kSkipRow + 4;
constexpr size_t kStartRow = kSkipRow + 5;
constexpr size_t kAcceptRow = kSkipRow + 6;
constexpr size_t kRows = kSkipRow + 7;

using CharSet = std::bitset<kSymbols>;

enum class Assertion { kNone, kBegin, kEnd, kWordBoundary, kNotWordBoundary };

/// One parsed element of an alternative: a character set with its repetition, or an assertion.
struct Atom {
  CharSet set;
  Assertion assertion = Assertion::kNone;
  int min = 1;
  int max = 1;
  bool is_quantified = false;
  size_t offset = 0;
};

enum class StateKind { kOne, kOptional, kStar, kAssert, kAccept };

struct State {
  StateKind kind = StateKind::kOne;
  CharSet set;
  Assertion assertion = Assertion::kNone;
};

bool IsWordSymbol(size_t symbol) {
  if (symbol >= kNonAscii) return false;
  char c = static_cast<char>(symbol);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

CharSet RangeSet(unsigned char low, unsigned char high) {
  CharSet set;
  for (unsigned c = low; c <= high; ++c) set.set(c);
  return set;
}

CharSet DigitSet() { return RangeSet('0', '9'); }

CharSet SpaceSet() {
  CharSet set;
  for (char c : {'\t', '\n', '\f', '\r', ' '}) set.set(static_cast<unsigned char>(c));
  return set;
}

CharSet WordSet() {
  CharSet set;
  for (size_t symbol = 0; symbol < kNonAscii; ++symbol) {
    if (IsWordSymbol(symbol)) set.set(symbol);
  }
  return set;
}

size_t FirstSymbol(const CharSet& set) {
  for (size_t s = 0; s < kSymbols; ++s) {
    if (set.test(s)) return s;
  }
  return 0;
}

CharSet SingleChar(unsigned char c) {
  CharSet set;
  set.set(c);
  return set;
}

/// The characters AWS allows between the % signs (spec §4.1), space included because its examples use it.
bool IsAllowedCharacter(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  static constexpr std::string_view kAllowed = " :_#=@/;,-^$?[]{}|\\*+.";
  return kAllowed.find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

std::string HexEscape(unsigned char c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("\\x") + kDigits[c >> 4] + kDigits[c & 15];
}

/// Recursive-descent reader of one expression into alternatives of atoms.
class Parser {
 public:
  Parser(std::string_view source, size_t position) : source_(source), position_(position) {}

  std::vector<std::vector<Atom>> Parse() {
    CheckCharacters();
    if (source_.empty()) Fail(0, "empty regular expression: write something between the two % signs");
    std::vector<std::vector<Atom>> alternatives(1);
    while (at_ < source_.size()) {
      char c = source_[at_];
      size_t offset = at_;
      std::vector<Atom>& sequence = alternatives.back();
      switch (c) {
        case '|':
          ++at_;
          alternatives.emplace_back();
          break;
        case '^':
        case '$':
          ++at_;
          sequence.push_back(AssertionAtom(c == '^' ? Assertion::kBegin : Assertion::kEnd, offset));
          break;
        case '.': {
          ++at_;
          CharSet set;
          set.set();
          set.reset('\n');
          sequence.push_back(SetAtom(set, offset));
          break;
        }
        case '[':
          sequence.push_back(SetAtom(ParseClass(), offset));
          break;
        case '\\':
          sequence.push_back(ParseEscape(false));
          break;
        case '*':
          ++at_;
          Quantify(sequence, 0, kUnbounded, offset);
          break;
        case '+':
          ++at_;
          Quantify(sequence, 1, kUnbounded, offset);
          break;
        case '?':
          ++at_;
          Quantify(sequence, 0, 1, offset);
          break;
        case '{': {
          auto [min, max] = ParseCount();
          Quantify(sequence, min, max, offset);
          break;
        }
        case '}':
        case ']':
          Fail(offset, std::string("unmatched '") + c + "' in regular expression");
        default:
          ++at_;
          sequence.push_back(SetAtom(SingleChar(static_cast<unsigned char>(c)), offset));
          break;
      }
    }
    return alternatives;
  }

 private:
  [[noreturn]] void Fail(size_t offset, std::string what) const {
    throw MakeSyntaxError(position_ + offset, std::move(what));
  }

  void CheckCharacters() const {
    for (size_t i = 0; i < source_.size(); ++i) {
      auto c = static_cast<unsigned char>(source_[i]);
      if (IsAllowedCharacter(c)) continue;
      std::string what = "Invalid character(s) in term '%" + std::string(source_) + "%': ";
      if (c >= 0x80) {
        what += "multi-byte characters are not supported in a regular expression";
      } else if (c == '(' || c == ')') {
        what += std::string("'") + static_cast<char>(c) + "' is not supported (regular expressions have no groups; " +
                HexEscape(c) + " matches it)";
      } else if (c < 0x20 || c == 0x7F) {
        what += "control character " + HexEscape(c) + " is not allowed; write " + HexEscape(c);
      } else {
        what += std::string("'") + static_cast<char>(c) + "' is not allowed in a regular expression; write " +
                HexEscape(c) + " to match it";
      }
      Fail(i, std::move(what));
    }
  }

  static Atom SetAtom(const CharSet& set, size_t offset) {
    Atom atom;
    atom.set = set;
    atom.offset = offset;
    return atom;
  }

  static Atom AssertionAtom(Assertion assertion, size_t offset) {
    Atom atom;
    atom.assertion = assertion;
    atom.offset = offset;
    return atom;
  }

  void Quantify(std::vector<Atom>& sequence, int min, int max, size_t offset) {
    if (sequence.empty()) Fail(offset, "nothing to repeat before '" + std::string(1, source_[offset]) + "'");
    Atom& atom = sequence.back();
    if (atom.assertion != Assertion::kNone) Fail(offset, "an anchor or \\b cannot be repeated");
    if (atom.is_quantified) Fail(offset, "a repetition cannot follow another repetition");
    atom.min = min;
    atom.max = max;
    atom.is_quantified = true;
    // A lazy marker (x*?, x+?, x??, x{m,n}?) changes which text a match covers, never whether there is one.
    if (at_ < source_.size() && source_[at_] == '?') ++at_;
  }

  /// {m}, {m,}, {m,n} or {,n} (AWS: "either bound may be omitted"), at `at_`.
  std::pair<int, int> ParseCount() {
    size_t open = at_++;
    auto read_number = [&]() -> int {
      if (at_ >= source_.size() || source_[at_] < '0' || source_[at_] > '9') return kUnbounded;
      int value = 0;
      while (at_ < source_.size() && source_[at_] >= '0' && source_[at_] <= '9') {
        value = value * 10 + (source_[at_++] - '0');
        if (value > kMaxRepeat) Fail(open, "repetition count above " + std::to_string(kMaxRepeat));
      }
      return value;
    };
    int min = read_number();
    int max = min;
    bool has_comma = at_ < source_.size() && source_[at_] == ',';
    if (has_comma) {
      ++at_;
      max = read_number();
    }
    if (at_ >= source_.size() || source_[at_] != '}' || (min == kUnbounded && max == kUnbounded)) {
      Fail(open, "expected a repetition count {m}, {m,}, {m,n} or {,n} after '{'");
    }
    ++at_;
    if (min == kUnbounded) min = 0;
    if (max != kUnbounded && max < min) Fail(open, "repetition {m,n} has m greater than n");
    return {min, max};
  }

  /// A character class `[...]`, at `at_`.
  CharSet ParseClass() {
    size_t open = at_++;
    bool is_negated = at_ < source_.size() && source_[at_] == '^';
    if (is_negated) ++at_;
    CharSet set;
    bool is_first = true;
    for (;;) {
      if (at_ >= source_.size()) Fail(open, "unterminated character class: expected ']'");
      char c = source_[at_];
      if (c == ']' && !is_first) break;
      if (c == '[' && at_ + 1 < source_.size() && source_[at_ + 1] == ':') {
        Fail(at_, "POSIX classes such as [:alpha:] are not supported; use a range such as a-z");
      }
      is_first = false;
      size_t item = at_;
      CharSet low = ClassItem();
      if (at_ + 1 < source_.size() && source_[at_] == '-' && source_[at_ + 1] != ']') {
        ++at_;
        size_t high_offset = at_;
        CharSet high = ClassItem();
        if (low.count() != 1 || high.count() != 1) Fail(item, "a range needs single characters at both ends");
        size_t from = FirstSymbol(low);
        size_t to = FirstSymbol(high);
        if (from > to) Fail(high_offset, "range end is before range start");
        set |= RangeSet(static_cast<unsigned char>(from), static_cast<unsigned char>(to));
      } else {
        set |= low;
      }
    }
    ++at_;
    if (is_negated) set.flip();
    return set;
  }

  CharSet ClassItem() {
    if (source_[at_] == '\\') {
      Atom atom = ParseEscape(true);
      return atom.set;
    }
    return SingleChar(static_cast<unsigned char>(source_[at_++]));
  }

  /// An escape at `at_`: a character, a class such as \d, or (outside a class) an assertion.
  Atom ParseEscape(bool in_class) {
    size_t offset = at_;
    if (at_ + 1 >= source_.size()) Fail(offset, "a regular expression cannot end with '\\'");
    char c = source_[at_ + 1];
    at_ += 2;
    switch (c) {
      case 'd': return SetAtom(DigitSet(), offset);
      case 'D': return SetAtom(~DigitSet(), offset);
      case 's': return SetAtom(SpaceSet(), offset);
      case 'S': return SetAtom(~SpaceSet(), offset);
      case 'w': return SetAtom(WordSet(), offset);
      case 'W': return SetAtom(~WordSet(), offset);
      case 't': return SetAtom(SingleChar('\t'), offset);
      case 'n': return SetAtom(SingleChar('\n'), offset);
      case 'r': return SetAtom(SingleChar('\r'), offset);
      case 'f': return SetAtom(SingleChar('\f'), offset);
      case 'v': return SetAtom(SingleChar('\v'), offset);
      case 'x': {
        if (at_ + 1 >= source_.size() || !IsHexDigit(source_[at_]) || !IsHexDigit(source_[at_ + 1])) {
          Fail(offset, "expected two hex digits after \\x, as in \\x3A");
        }
        int value = HexValue(source_[at_]) * 16 + HexValue(source_[at_ + 1]);
        at_ += 2;
        if (value >= 0x80) Fail(offset, "\\x escapes above \\x7F (multi-byte characters) are not supported");
        return SetAtom(SingleChar(static_cast<unsigned char>(value)), offset);
      }
      case 'b':
      case 'B':
      case 'A':
      case 'z': {
        if (in_class) Fail(offset, std::string("\\") + c + " is not allowed inside [ ]");
        Assertion assertion = c == 'b'   ? Assertion::kWordBoundary
                              : c == 'B' ? Assertion::kNotWordBoundary
                              : c == 'A' ? Assertion::kBegin
                                         : Assertion::kEnd;
        return AssertionAtom(assertion, offset);
      }
      default:
        break;
    }
    if (c >= '0' && c <= '9') Fail(offset, "backreferences and octal escapes are not supported");
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      Fail(offset, std::string("unsupported escape '\\") + c + "'");
    }
    return SetAtom(SingleChar(static_cast<unsigned char>(c)), offset);
  }

  std::string_view source_;
  size_t position_;
  size_t at_ = 0;
};

void SetBit(std::vector<uint64_t>& masks, size_t words, size_t row, size_t state) {
  masks[row * words + state / 64] |= uint64_t{1} << (state % 64);
}

/// The symbol at `pos` and its length in bytes: ASCII as itself, any other code point (or stray byte) as
/// kNonAscii.
std::pair<size_t, size_t> DecodeSymbol(std::string_view text, size_t pos) {
  auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1};
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  for (size_t k = 1; k < length; ++k) {
    if (pos + k >= text.size() || (static_cast<unsigned char>(text[pos + k]) & 0xC0) != 0x80) return {kNonAscii, k};
  }
  return {kNonAscii, length};
}

}  // namespace

Regex Regex::Compile(std::string_view source, size_t position) {
  std::vector<std::vector<Atom>> alternatives = Parser(source, position).Parse();
  Regex regex;
  regex.source_ = std::string(source);

  if (alternatives.size() == 1) {
    bool is_literal = true;
    for (const Atom& atom : alternatives[0]) {
      is_literal = is_literal && atom.assertion == Assertion::kNone && atom.min == 1 && atom.max == 1 &&
                   atom.set.count() == 1 && !atom.set.test(kNonAscii);
      if (is_literal) regex.literal_ += static_cast<char>(FirstSymbol(atom.set));
    }
    regex.is_literal_ = is_literal;
  }

  std::vector<State> states;
  std::vector<size_t> starts;
  regex.is_anchored_ = true;
  for (const auto& sequence : alternatives) {
    starts.push_back(states.size());
    regex.is_anchored_ = regex.is_anchored_ && !sequence.empty() && sequence[0].assertion == Assertion::kBegin;
    for (const Atom& atom : sequence) {
      if (atom.assertion != Assertion::kNone) {
        states.push_back({StateKind::kAssert, {}, atom.assertion});
      } else {
        for (int i = 0; i < atom.min; ++i) states.push_back({StateKind::kOne, atom.set, Assertion::kNone});
        if (atom.max == kUnbounded) {
          states.push_back({StateKind::kStar, atom.set, Assertion::kNone});
        } else {
          for (int i = atom.min; i < atom.max; ++i) {
            states.push_back({StateKind::kOptional, atom.set, Assertion::kNone});
          }
        }
      }
      if (states.size() >= kMaxStates) {
        throw MakeSyntaxError(position + atom.offset, "regular expression is too large once its repetitions are "
                                                      "counted out (at most " + std::to_string(kMaxStates) +
                                                          " positions)");
      }
    }
    states.push_back({StateKind::kAccept, {}, Assertion::kNone});
  }

  regex.state_count_ = states.size();
  regex.words_ = (states.size() + 63) / 64;
  size_t words = regex.words_;
  std::vector<uint64_t>& masks = regex.masks_;
  masks.assign(kRows * words, 0);
  for (size_t s = 0; s < states.size(); ++s) {
    const State& state = states[s];
    switch (state.kind) {
      case StateKind::kOne:
      case StateKind::kOptional:
        for (size_t symbol = 0; symbol < kSymbols; ++symbol) {
          if (state.set.test(symbol)) SetBit(masks, words, kAdvanceRow + symbol, s);
        }
        if (state.kind == StateKind::kOptional) SetBit(masks, words, kSkipRow, s);
        break;
      case StateKind::kStar:
        for (size_t symbol = 0; symbol < kSymbols; ++symbol) {
          if (state.set.test(symbol)) SetBit(masks, words, kStayRow + symbol, s);
        }
        SetBit(masks, words, kSkipRow, s);
        break;
      case StateKind::kAssert:
        SetBit(masks, words,
               state.assertion == Assertion::kBegin         ? kBeginRow
               : state.assertion == Assertion::kEnd         ? kEndRow
               : state.assertion == Assertion::kWordBoundary ? kWordBoundaryRow
                                                             : kNotWordBoundaryRow,
               s);
        break;
      case StateKind::kAccept:
        SetBit(masks, words, kAcceptRow, s);
        break;
    }
  }
  for (size_t start : starts) SetBit(masks, words, kStartRow, start);
  return regex;
}

bool Regex::Search(std::string_view text) const {
  if (is_literal_) return text.find(literal_) != std::string_view::npos;
  return SearchAutomaton(text);
}

bool Regex::SearchAutomaton(std::string_view text) const {
  uint64_t active[kMaxWords] = {};
  uint64_t skips[kMaxWords];
  const size_t words = words_;
  const uint64_t* start = Mask(kStartRow);
  const uint64_t* accept = Mask(kAcceptRow);
  size_t pos = 0;
  bool is_after_word = false;
  for (;;) {
    const bool is_at_end = pos == text.size();
    auto [symbol, length] = is_at_end ? std::pair<size_t, size_t>{kNonAscii, 0} : DecodeSymbol(text, pos);
    const bool is_before_word = !is_at_end && IsWordSymbol(symbol);
    const uint64_t* boundary = Mask(is_after_word != is_before_word ? kWordBoundaryRow : kNotWordBoundaryRow);
    const uint64_t* skip = Mask(kSkipRow);
    for (size_t w = 0; w < words; ++w) {
      if (!is_anchored_ || pos == 0) active[w] |= start[w];
      skips[w] = skip[w] | boundary[w] | (pos == 0 ? Mask(kBeginRow)[w] : 0) | (is_at_end ? Mask(kEndRow)[w] : 0);
    }
    // Close over skips: each round moves every skippable active state one step; chains need several rounds.
    for (bool is_changed = true; is_changed;) {
      is_changed = false;
      uint64_t carry = 0;
      for (size_t w = 0; w < words; ++w) {
        uint64_t moving = active[w] & skips[w];
        uint64_t next = active[w] | (moving << 1) | carry;
        carry = moving >> 63;
        is_changed = is_changed || next != active[w];
        active[w] = next;
      }
    }
    bool is_any_active = false;
    for (size_t w = 0; w < words; ++w) {
      if (active[w] & accept[w]) return true;
      is_any_active = is_any_active || active[w] != 0;
    }
    if (is_at_end || (is_anchored_ && !is_any_active)) return false;
    const uint64_t* advance = Mask(kAdvanceRow + symbol);
    const uint64_t* stay = Mask(kStayRow + symbol);
    uint64_t carry = 0;
    for (size_t w = 0; w < words; ++w) {
      uint64_t moving = active[w] & advance[w];
      active[w] = (moving << 1) | carry | (active[w] & stay[w]);
      carry = moving >> 63;
    }
    is_after_word = is_before_word;
    pos += length;
  }
}

}  // namespace trailbox::filter
