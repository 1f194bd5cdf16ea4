// Reading CloudTrail log files for `trailbox backtest` (backtest_input.hpp). The records are only split here, by a
// structural scan (strings and brackets), not parsed: the filter library parses each record once for every
// pattern, and a malformed record is reported then.
#include "scenario/backtest_input.hpp"

#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <fstream>

namespace trailbox::backtest {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDigestFolder = "CloudTrail-Digest";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// What a byte means to the structural scan of a container.
enum class CharClass : uint8_t { kOther, kQuote, kOpen, kClose, kSpace };

constexpr std::array<CharClass, 256> kCharClasses = [] {
  std::array<CharClass, 256> classes{};
  classes['"'] = CharClass::kQuote;
  classes['{'] = classes['['] = CharClass::kOpen;
  classes['}'] = classes[']'] = CharClass::kClose;
  classes[' '] = classes['\t'] = classes['\n'] = classes['\r'] = CharClass::kSpace;
  return classes;
}();

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool IsInDigestFolder(const fs::path& relative) {
  return std::any_of(relative.begin(), relative.end(), [](const fs::path& part) { return part == kDigestFolder; });
}

void AddDirectory(const fs::path& root, LogFileList& list) {
  std::vector<fs::path> found;
  std::error_code error;
  for (fs::recursive_directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file()) found.push_back(it->path());
  }
  if (error) throw InputError(root.string() + ": " + error.message());
  std::sort(found.begin(), found.end());
  for (const fs::path& path : found) {
    std::string name = path.filename().string();
    if (IsInDigestFolder(path.lexically_relative(root))) {
      list.skipped.push_back({path.string(), "digest file (CloudTrail-Digest)"});
    } else if (EndsWith(name, ".json.gz") || EndsWith(name, ".json")) {
      list.files.push_back(path);
    } else {
      list.skipped.push_back({path.string(), "not a .json or .json.gz file"});
    }
  }
}

// The size to inflate into: a gzip member ends with its inflated size modulo 2^32 (RFC 1952 ISIZE), exact for a
// one-member file; bounded by a plausible ratio, since a damaged file ends with anything. A wrong guess only means
// growing the buffer.
size_t InflatedSizeHint(const std::string& bytes) {
  constexpr size_t kMaxRatio = 64;
  size_t size = 0;
  for (size_t i = 0; i < 4 && bytes.size() >= 4; ++i) {
    size |= static_cast<size_t>(static_cast<unsigned char>(bytes[bytes.size() - 4 + i])) << (8 * i);
  }
  return std::max<size_t>({std::min(size + 1, bytes.size() * kMaxRatio), bytes.size(), 1 << 12});
}

std::string Inflate(const std::string& bytes, const std::string& source) {
  if (bytes.size() > UINT32_MAX) throw InputError(source + ": larger than 4 GiB compressed");
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw InputError(source + ": cannot start inflating");
  std::string out(InflatedSizeHint(bytes), '\0');
  size_t produced = 0;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  int result = Z_OK;
  while (true) {
    if (produced == out.size()) out.resize(out.size() * 2);
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    stream.avail_out = static_cast<uInt>(std::min<size_t>(out.size() - produced, UINT32_MAX));
    uInt before = stream.avail_out;
    result = inflate(&stream, Z_NO_FLUSH);
    produced += before - stream.avail_out;
    if (result == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      inflateReset(&stream);
    } else if (result == Z_BUF_ERROR && stream.avail_in == 0) {
      break;
    } else if (result != Z_OK && result != Z_BUF_ERROR) {
      break;
    }
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END) {
    throw InputError(source + ": not a valid gzip file (" + (stream.msg ? stream.msg : "truncated") + ")");
  }
  out.resize(produced);
  return out;
}

// The first '"' or '\\' of `text` at or after `from`, or text.size(); 16 bytes at a time where SSE2 is there
// (strings are most of a CloudTrail record's bytes).
size_t FindQuoteOrBackslash(std::string_view text, size_t from) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (from + 16 <= text.size()) {
    __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
    int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)));
    if (mask != 0) return from + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    from += 16;
  }
#endif
  while (from < text.size() && text[from] != '"' && text[from] != '\\') ++from;
  return from;
}

// A scan of JSON text that finds where values begin and end, checking only strings and bracket nesting.
class Scanner {
 public:
  Scanner(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  size_t position() const { return position_; }
  bool AtEnd() const { return position_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[position_]; }
  void Advance() { ++position_; }

  void SkipSpace() {
    while (!AtEnd() && IsSpace(text_[position_])) ++position_;
  }

  void Expect(char expected, const char* what) {
    SkipSpace();
    if (Peek() != expected) Fail(what);
    ++position_;
  }

  // A string's raw text between its quotes (escapes left as written); the scan moves past it.
  std::string_view ReadString() {
    SkipSpace();
    if (Peek() != '"') Fail("expected a string");
    size_t begin = position_ + 1;
    SkipString();
    return text_.substr(begin, position_ - 1 - begin);
  }

  // Moves past one value; answers whether it holds white space outside its strings.
  bool SkipValue() {
    SkipSpace();
    char first = Peek();
    if (first == '"') {
      SkipString();
      return false;
    }
    if (first == '{' || first == '[') return SkipContainer();
    size_t begin = position_;
    while (!AtEnd() && !IsSpace(text_[position_]) && text_[position_] != ',' && text_[position_] != '}' &&
           text_[position_] != ']') {
      ++position_;
    }
    if (position_ == begin) Fail("expected a value");
    return false;
  }

  [[noreturn]] void Fail(const char* what) const {
    throw InputError(source_ + ": not valid JSON (" + what + " at byte " + std::to_string(position_) + ")");
  }

 private:
  void SkipString() {
    size_t at = position_ + 1;
    while (true) {
      at = FindQuoteOrBackslash(text_, at);
      if (at >= text_.size()) {
        position_ = text_.size();
        Fail("unterminated string");
      }
      if (text_[at] == '"') break;
      at += 2;
    }
    position_ = at + 1;
  }

  bool SkipContainer() {
    bool has_space = false;
    int depth = 0;
    while (!AtEnd()) {
      switch (kCharClasses[static_cast<unsigned char>(text_[position_])]) {
        case CharClass::kOther:
          ++position_;
          break;
        case CharClass::kQuote:
          SkipString();
          break;
        case CharClass::kOpen:
          ++position_;
          ++depth;
          break;
        case CharClass::kClose:
          ++position_;
          if (--depth == 0) return has_space;
          break;
        case CharClass::kSpace:
          ++position_;
          has_space = true;
          break;
      }
    }
    Fail("unterminated object or array");
  }

  std::string_view text_;
  const std::string& source_;
  size_t position_ = 0;
};

// Appends `value` without the white space outside its strings.
void AppendCompact(std::string_view value, std::string& out) {
  bool in_string = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < value.size()) {
        out.push_back(value[++i]);
      } else if (c == '"') {
        in_string = false;
      }
    } else if (!IsSpace(c)) {
      out.push_back(c);
      in_string = c == '"';
    }
  }
}

}  // namespace

LogFileList FindLogFiles(const std::vector<std::string>& paths) {
  LogFileList list;
  for (const std::string& text : paths) {
    fs::path path(text);
    std::error_code error;
    fs::file_status status = fs::status(path, error);
    if (!fs::exists(status)) throw InputError(text + ": no such file or directory");
    if (fs::is_directory(status)) {
      AddDirectory(path, list);
    } else {
      list.files.push_back(path);
    }
  }
  return list;
}

std::string ReadFileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw InputError(path.string() + ": cannot be read");
  std::string bytes(static_cast<size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    throw InputError(path.string() + ": cannot be read");
  }
  bool is_gzip = bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
                 static_cast<unsigned char>(bytes[1]) == 0x8b;
  return is_gzip ? Inflate(bytes, path.string()) : bytes;
}

std::string_view LogFileRecords::Record(size_t index) const {
  const Span& span = spans_[index];
  return std::string_view(span.is_compacted ? compacted_ : text_).substr(span.offset, span.length);
}

LogFileRecords SplitRecords(std::string text, const std::string& source) {
  LogFileRecords file;
  file.text_ = std::move(text);
  Scanner scanner(file.text_, source);
  scanner.SkipSpace();
  if (scanner.Peek() != '{') {
    scanner.SkipValue();
    file.not_a_log_file_ = "not a CloudTrail log file (not a JSON object)";
  } else {
    scanner.Advance();
    bool has_records = false;
    bool is_digest = false;
    scanner.SkipSpace();
    while (scanner.Peek() != '}') {
      std::string_view key = scanner.ReadString();
      scanner.Expect(':', "expected ':'");
      scanner.SkipSpace();
      is_digest = is_digest || key == "digestStartTime";
      if (key == "Records" && scanner.Peek() == '[' && !has_records) {
        has_records = true;
        scanner.Advance();
        scanner.SkipSpace();
        while (scanner.Peek() != ']') {
          scanner.SkipSpace();
          size_t begin = scanner.position();
          bool has_space = scanner.SkipValue();
          size_t length = scanner.position() - begin;
          if (has_space) {
            size_t offset = file.compacted_.size();
            AppendCompact(std::string_view(file.text_).substr(begin, length), file.compacted_);
            file.spans_.push_back({offset, file.compacted_.size() - offset, true});
          } else {
            file.spans_.push_back({begin, length, false});
          }
          scanner.SkipSpace();
          if (scanner.Peek() == ',') {
            scanner.Advance();
          } else if (scanner.Peek() != ']') {
            scanner.Fail("expected ',' or ']'");
          }
        }
        scanner.Advance();
      } else {
        scanner.SkipValue();
      }
      scanner.SkipSpace();
      if (scanner.Peek() == ',') {
        scanner.Advance();
        scanner.SkipSpace();
      } else if (scanner.Peek() != '}') {
        scanner.Fail("expected ',' or '}'");
      }
    }
    scanner.Advance();
    if (is_digest && !has_records) {
      file.not_a_log_file_ = "CloudTrail digest file";
    } else if (!has_records) {
      file.not_a_log_file_ = "not a CloudTrail log file (no Records array)";
    }
  }
  scanner.SkipSpace();
  if (!scanner.AtEnd()) scanner.Fail("text after the JSON value");
  return file;
}

}  // namespace trailbox::backtest
