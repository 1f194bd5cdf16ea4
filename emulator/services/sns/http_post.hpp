// One HTTP/HTTPS POST to a subscriber, made with cpp-httplib on a thread of its own so that no request and no
// transaction waits on the network (shared/STYLE.md, rule 5).
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace trailbox::sns {

/// A POST to send.
struct HttpPost {
  std::string url;  // http://host[:port]/path?query or https://...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// What came back: the status code, or 0 and why there was no answer.
struct HttpOutcome {
  int status = 0;
  std::string error;
};

/// Sends `post` (15 s connection and read timeouts, as SNS's HTTP delivery) and returns the outcome.
HttpOutcome SendPost(const HttpPost& post);
/// Sends `post` on a detached thread and calls `done` there with the outcome.
void SendPostInBackground(HttpPost post, std::function<void(HttpOutcome)> done);

}  // namespace trailbox::sns
