// Message signatures: SNS signs every HTTP/HTTPS and email-json message with an RSA key whose X.509 certificate
// is served at SigningCertURL; SignatureVersion 1 is SHA1withRSA over the message's canonical string
// (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html). trailbox keeps one key pair
// and a self-signed certificate (CN=sns.amazonaws.com) in SQLite, created on first use.
#pragma once
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace trailbox::sns {

/// The admin path that serves the certificate (GET), under the URL trailbox answers at.
inline constexpr const char* kSigningCertPath = "/_trailbox/sns/SimpleNotificationService.pem";

/// Base64 of the SHA1withRSA (PKCS#1 v1.5) signature of `text` with the stored key (created at `now` if absent).
std::string SignSha1(store::Database& db, std::string_view text, double now);
/// The PEM certificate of the stored key (created at `now` if absent).
std::string SigningCertificatePem(store::Database& db, double now);

}  // namespace trailbox::sns
