// The signing key pair and its self-signed certificate (PEM in sns_signing_keys), and SHA1withRSA signatures
// (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html).
#include "services/sns/signing.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <stdexcept>

#include "core/encoding.hpp"

namespace trailbox::sns {
namespace {

constexpr int kKeyBits = 2048;
constexpr long kValiditySeconds = 10L * 365 * 24 * 3600;

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

struct KeyPair {
  std::string private_pem;
  std::string certificate_pem;
};

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

std::string CertificateOf(EVP_PKEY* pkey, double now) {
  X509Ptr certificate(X509_new(), X509_free);
  X509_set_version(certificate.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), static_cast<long>(now));
  ASN1_TIME_set(X509_getm_notBefore(certificate.get()), static_cast<time_t>(now) - 24 * 3600);
  ASN1_TIME_set(X509_getm_notAfter(certificate.get()), static_cast<time_t>(now) + kValiditySeconds);
  X509_NAME* name = X509_get_subject_name(certificate.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("trailbox"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sns.amazonaws.com"),
                             -1, -1, 0);
  X509_set_issuer_name(certificate.get(), name);
  X509_set_pubkey(certificate.get(), pkey);
  if (X509_sign(certificate.get(), pkey, EVP_sha256()) <= 0) throw std::runtime_error("cannot sign the certificate");
  BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), certificate.get());
  return BioText(bio.get());
}

KeyPair NewKeyPair(double now) {
  PkeyPtr pkey(EVP_RSA_gen(kKeyBits), EVP_PKEY_free);
  if (!pkey) throw std::runtime_error("RSA key generation failed");
  BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return {BioText(bio.get()), CertificateOf(pkey.get(), now)};
}

KeyPair StoredKeyPair(store::Database& db, double now) {
  auto statement = db.Prepare("SELECT private_pem, certificate_pem FROM sns_signing_keys WHERE id = 1");
  if (statement.Step()) return {statement.Text(0), statement.Text(1)};
  KeyPair pair = NewKeyPair(now);
  db.Prepare("INSERT INTO sns_signing_keys (id, private_pem, certificate_pem) VALUES (1, ?1, ?2)")
      .BindAll(pair.private_pem, pair.certificate_pem)
      .Run();
  return pair;
}

}  // namespace

std::string SignSha1(store::Database& db, std::string_view text, double now) {
  KeyPair pair = StoredKeyPair(db, now);
  BioPtr bio(BIO_new_mem_buf(pair.private_pem.data(), static_cast<int>(pair.private_pem.size())), BIO_free);
  PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (!pkey) throw std::runtime_error("cannot read the SNS signing key");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  if (EVP_DigestSignInit(context.get(), nullptr, EVP_sha1(), nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, data, text.size()) != 1) {
    throw std::runtime_error("SHA1withRSA signing failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                     text.size()) != 1) {
    throw std::runtime_error("SHA1withRSA signing failed");
  }
  signature.resize(length);
  return Base64Encode(signature);
}

std::string SigningCertificatePem(store::Database& db, double now) { return StoredKeyPair(db, now).certificate_pem; }

}  // namespace trailbox::sns
