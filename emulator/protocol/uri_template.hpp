// botocore `http.requestUri` templates of the REST protocols: "/{Bucket}/{Key+}?uploads" is a path of literal text
// and labels ({Key+} greedy: it spans '/'), then literal query keys a request must carry ("list-type=2" must also
// carry that value). Smithy spec, "httpLabel" and "http" traits (https://smithy.io/2.0/spec/http-bindings.html).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trailbox::protocol {

/// How closely a template describes a request: more literal query keys first, then longer literal path text.
struct UriSpecificity {
  int literal_query_keys = 0;
  int literal_path_chars = 0;
  auto operator<=>(const UriSpecificity&) const = default;
};

/// A successful match: label values percent-decoded exactly once.
struct UriMatch {
  std::map<std::string, std::string, std::less<>> labels;
  UriSpecificity specificity;
};

class UriTemplate {
 public:
  /// Parses a requestUri template such as "/{Bucket}/{Key+}?uploads" or "/{Bucket}?list-type=2".
  explicit UriTemplate(std::string_view request_uri);

  /// Matches a still percent-encoded path and the decoded query; nullopt when the request does not fit.
  /// A trailing '/' after the last non-greedy token is tolerated ("/bucket/" fits "/{Bucket}").
  std::optional<UriMatch> Match(std::string_view raw_path,
                                const std::vector<std::pair<std::string, std::string>>& query) const;

  /// The query keys the template fixes (with their value, when it fixes one): never bound to members.
  const std::vector<std::pair<std::string, std::optional<std::string>>>& literal_query() const {
    return literal_query_;
  }

 private:
  struct Token {
    std::string text;  // literal text, or the label's name
    bool is_label = false;
    bool is_greedy = false;
  };
  bool MatchFrom(size_t token, std::string_view rest, UriMatch& match) const;

  std::vector<Token> tokens_;
  std::vector<std::pair<std::string, std::optional<std::string>>> literal_query_;
  int literal_path_chars_ = 0;
};

}  // namespace trailbox::protocol
