// Stripe webhook signatures: our verifier and signer (server/payments/stripe_signature) against a
// fixed vector, every malformed/forged/stale/future case, and vectors both ways with an
// independent implementation, Debian's python3-stripe (tests/server/stripe_vectors.py).

#include "server/payments/stripe_signature.h"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace practicum::server::payments;
namespace json = boost::json;
using std::chrono::seconds;

namespace {

constexpr const char* kSecret = "whsec_test_secret";
constexpr std::int64_t kT = 1700000000;
const std::string kPayload = R"({"id":"evt_1","object":"event"})";
// hmac.new(b"whsec_test_secret", b'1700000000.{"id":"evt_1","object":"event"}', sha256).hexdigest()
constexpr const char* kKnownSignature = "0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd";

SignatureCheck check(const std::string& header, const std::string& payload = kPayload, std::int64_t now = kT,
                     const std::string& secret = kSecret) {
  return verifySignature(header, payload, secret, seconds(300), now);
}

std::string v1(const std::string& payload = kPayload, std::int64_t t = kT, const std::string& secret = kSecret) {
  return computeSignature(t, payload, secret);
}

/// Runs tests/server/stripe_vectors.py on `cases` with /usr/bin/python3 and returns its JSON.
json::value runPython(const std::string& mode, const json::array& cases) {
  char dir[] = "/tmp/practicum-stripe-XXXXXX";
  if (!mkdtemp(dir)) throw std::runtime_error("mkdtemp failed");
  const std::string in = std::string(dir) + "/cases.json", out = std::string(dir) + "/out.json",
                    err = std::string(dir) + "/err.txt";
  std::ofstream(in) << json::serialize(cases);
  // /usr/bin/python3, not whatever python3 is on PATH (a pyenv one does not see Debian's packages).
  const std::string command =
      "/usr/bin/python3 " PRACTICUM_TESTS_DIR "/stripe_vectors.py " + mode + " " + in + " >" + out + " 2>" + err;
  const int status = std::system(command.c_str());
  std::stringstream result, errors;
  result << std::ifstream(out).rdbuf();
  errors << std::ifstream(err).rdbuf();
  std::remove(in.c_str());
  std::remove(out.c_str());
  std::remove(err.c_str());
  rmdir(dir);
  if (status != 0) {
    throw std::runtime_error(
        "stripe_vectors.py failed (is python3-stripe installed? it is in "
        "scripts/debian-packages.txt): " +
        errors.str());
  }
  return json::parse(result.str());
}

}  // namespace

TEST(StripeSignature, MatchesAKnownVector) {
  EXPECT_EQ(v1(), kKnownSignature);
  EXPECT_EQ(signatureHeader(kPayload, kSecret, kT), std::string("t=1700000000,v1=") + kKnownSignature);
  EXPECT_EQ(check(signatureHeader(kPayload, kSecret, kT)), SignatureCheck::Valid);
}

TEST(StripeSignature, AcceptsAnyMatchingV1AndIgnoresOtherSchemes) {
  const auto good = v1();
  const auto other = v1(kPayload, kT, "whsec_old_secret");
  EXPECT_EQ(check("t=1700000000,v1=" + other + ",v1=" + good), SignatureCheck::Valid) << "secret being rolled";
  EXPECT_EQ(check("t=1700000000,v1=" + good + ",v1=" + other), SignatureCheck::Valid);
  EXPECT_EQ(check("t=1700000000,v1=" + good + ",v0=" + other), SignatureCheck::Valid);
  EXPECT_EQ(check("v0=abc,v1=" + good + ",t=1700000000"), SignatureCheck::Valid) << "any order";
  EXPECT_EQ(check(" t=1700000000, v1=" + good + " "), SignatureCheck::Valid) << "spaces around items";
  EXPECT_EQ(check("t=1700000000,v1=" + good + ",x-future=1,,"), SignatureCheck::Valid) << "unknown items, empty items";
}

TEST(StripeSignature, RefusesMissingAndMalformedHeaders) {
  const auto good = v1();
  EXPECT_EQ(check(""), SignatureCheck::Missing);
  EXPECT_EQ(check("   "), SignatureCheck::Missing);
  const std::vector<std::string> malformed = {std::string("nonsense"),
                                              "v1=" + good,
                                              "t=,v1=" + good,
                                              "t=abc,v1=" + good,
                                              "t=-1700000000,v1=" + good,
                                              "t=+1700000000,v1=" + good,
                                              "t=01700000000,v1=" + good,
                                              "t=1700000000.5,v1=" + good,
                                              "t=99999999999999999999,v1=" + good,
                                              "t=1700000000,t=1700000000,v1=" + good,
                                              "=x,t=1700000000,v1=" + good,
                                              "t=1700000000,v1" + good};
  for (const auto& header : malformed) {
    SCOPED_TRACE(header);
    EXPECT_EQ(check(header), SignatureCheck::Malformed);
  }
  EXPECT_EQ(check("t=1700000000"), SignatureCheck::NoV1);
  EXPECT_EQ(check("t=1700000000,v0=" + good), SignatureCheck::NoV1);
  std::string many = "t=1700000000";
  for (int i = 0; i < 100; ++i) many += ",v1=" + std::string(64, '0');
  EXPECT_EQ(check(many + ",v1=" + good), SignatureCheck::Malformed) << "bounded work per header";
}

TEST(StripeSignature, RefusesForgeries) {
  const auto good = v1();
  EXPECT_EQ(check("t=1700000000,v1=" + v1(kPayload, kT, "whsec_wrong")), SignatureCheck::Mismatch);
  EXPECT_EQ(check("t=1700000000,v1=" + good, kPayload + " "), SignatureCheck::Mismatch) << "one byte more";
  auto tampered = kPayload;
  tampered[8] = '2';
  EXPECT_EQ(check("t=1700000000,v1=" + good, tampered), SignatureCheck::Mismatch);
  EXPECT_EQ(check("t=1700000001,v1=" + good, kPayload, kT + 1), SignatureCheck::Mismatch) << "t is signed";
  EXPECT_EQ(check("t=1700000000,v1=" + good.substr(0, 63)), SignatureCheck::Mismatch);
  EXPECT_EQ(check("t=1700000000,v1=" + good + "0"), SignatureCheck::Mismatch);
  std::string upper = good;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(check("t=1700000000,v1=" + upper), SignatureCheck::Mismatch) << "Stripe sends lower-case hex";
  EXPECT_EQ(check("t=1700000000,v1="), SignatureCheck::Mismatch);
  EXPECT_EQ(check("t=1700000000,v1=" + good, kPayload, kT, ""), SignatureCheck::Mismatch) << "no secret, no trust";
}

TEST(StripeSignature, EnforcesTheToleranceBothWays) {
  const auto header = signatureHeader(kPayload, kSecret, kT);
  EXPECT_EQ(check(header, kPayload, kT + 300), SignatureCheck::Valid);
  EXPECT_EQ(check(header, kPayload, kT + 301), SignatureCheck::Stale);
  EXPECT_EQ(check(header, kPayload, kT - 300), SignatureCheck::Valid);
  EXPECT_EQ(check(header, kPayload, kT - 301), SignatureCheck::Future);
  EXPECT_EQ(verifySignature(header, kPayload, kSecret, seconds(3600), kT + 3600), SignatureCheck::Valid);
  // A forged header is a mismatch whatever its time: the clock is only compared for genuine ones.
  EXPECT_EQ(check("t=1,v1=" + std::string(64, 'a')), SignatureCheck::Mismatch);
  for (auto c : {SignatureCheck::Missing, SignatureCheck::Malformed, SignatureCheck::NoV1, SignatureCheck::Mismatch,
                 SignatureCheck::Stale, SignatureCheck::Future}) {
    EXPECT_FALSE(describe(c).empty());
  }
}

// stripe-python signs; we verify.
TEST(StripeSignature, AcceptsHeadersMadeByStripePython) {
  const std::vector<std::string> payloads = {
      kPayload,
      R"({"id":"evt_2","type":"checkout.session.completed","data":{"object":{"amount_total":1200,"currency":"eur"}}})",
      "{\n  \"id\": \"evt_3\",\n  \"name\": \"Zo\xc3\xab \xe2\x80\x94 caf\xc3\xa9 \xf0\x9f\x8d\x8e\"\n}\n",
      "",
      std::string(100000, 'x'),
  };
  const std::vector<std::string> secrets = {"whsec_test_secret", "k",
                                            "whsec_" + std::string(200, 'L') /* longer than a SHA-256 block */};
  const auto now = unixNow();
  json::array cases;
  struct Expect {
    std::string payload, secret;
    SignatureCheck result;
  };
  std::vector<Expect> expected;
  for (const auto& payload : payloads) {
    for (const auto& secret : secrets) {
      // Our secret alone; the old secret then ours (a roll in progress), plus a v0; the wrong one only.
      cases.push_back(json::object{{"payload", payload}, {"timestamp", now}, {"v1_secrets", json::array{secret}}});
      expected.push_back({payload, secret, SignatureCheck::Valid});
      cases.push_back(json::object{{"payload", payload},
                                   {"timestamp", now},
                                   {"v1_secrets", json::array{"whsec_old", secret}},
                                   {"v0_secrets", json::array{"whsec_legacy"}}});
      expected.push_back({payload, secret, SignatureCheck::Valid});
      cases.push_back(
          json::object{{"payload", payload}, {"timestamp", now}, {"v1_secrets", json::array{secret + "x"}}});
      expected.push_back({payload, secret, SignatureCheck::Mismatch});
    }
  }
  cases.push_back(json::object{{"payload", kPayload}, {"timestamp", now - 301}, {"v1_secrets", json::array{kSecret}}});
  expected.push_back({kPayload, kSecret, SignatureCheck::Stale});

  const auto headers = runPython("sign", cases).as_array();
  ASSERT_EQ(headers.size(), expected.size());
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const std::string header(headers[i].as_string());
    SCOPED_TRACE(header.substr(0, 200));
    EXPECT_EQ(verifySignature(header, expected[i].payload, expected[i].secret, seconds(300), now), expected[i].result);
  }
}

// We sign; stripe.Webhook.construct_event verifies.
TEST(StripeSignature, OurHeadersAreAcceptedByStripePython) {
  const auto now = unixNow();
  const std::vector<std::string> payloads = {
      kPayload, R"({"id":"evt_x","object":"event","type":"charge.refunded","data":{"object":{"id":"ch_1"}}})",
      "{\"id\":\"evt_u\",\"name\":\"Zo\xc3\xab \xf0\x9f\x8d\x8e\"}"};
  const std::vector<std::string> secrets = {"whsec_test_secret", "k", "whsec_" + std::string(200, 'L')};
  json::array cases;
  std::vector<bool> expected;
  for (const auto& payload : payloads) {
    for (const auto& secret : secrets) {
      cases.push_back(
          json::object{{"payload", payload}, {"header", signatureHeader(payload, secret, now)}, {"secret", secret}});
      expected.push_back(true);
      // The harness can say no: a wrong secret, and a stale time.
      cases.push_back(json::object{
          {"payload", payload}, {"header", signatureHeader(payload, secret, now)}, {"secret", secret + "x"}});
      expected.push_back(false);
      cases.push_back(json::object{
          {"payload", payload}, {"header", signatureHeader(payload, secret, now - 301)}, {"secret", secret}});
      expected.push_back(false);
    }
  }
  const auto verdicts = runPython("verify", cases).as_array();
  ASSERT_EQ(verdicts.size(), expected.size());
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    SCOPED_TRACE(json::serialize(cases[i]).substr(0, 200));
    EXPECT_EQ(verdicts[i].as_bool(), expected[i]);
  }
}
