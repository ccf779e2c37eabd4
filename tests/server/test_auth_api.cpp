#include "tests/support/test_server.h"

#include <gtest/gtest.h>

using namespace practicum;
using namespace practicum::test;

namespace {

class AuthApi : public ::testing::Test {
protected:
  static void SetUpTestSuite() { server = new TestServer(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static TestServer* server;
};
TestServer* AuthApi::server = nullptr;

}  // namespace

TEST_F(AuthApi, RegisterThenLoginThenMe) {
  auto client = server->client();
  auto reg = client.post("/api/v1/auth/register",
                         {{"email", "Reg@Example.test"}, {"password", "0123456789"}, {"first_name", "Zoë"}, {"last_name", "Ng"}});
  ASSERT_EQ(reg.status, 201u) << reg.body;
  EXPECT_EQ(reg.json().at("user").at("email").as_string(), "reg@example.test");
  EXPECT_EQ(reg.json().at("user").at("role").as_string(), "student");

  auto login = client.post("/api/v1/auth/login", {{"email", "reg@example.test"}, {"password", "0123456789"}});
  ASSERT_EQ(login.status, 200u) << login.body;
  const std::string token(login.json().at("token").as_string());

  auto me = client.get("/api/v1/me", token);
  ASSERT_EQ(me.status, 200u);
  EXPECT_EQ(me.json().at("first_name").as_string(), "Zoë");
  EXPECT_EQ(me.json().at("credit_balance").as_int64(), 0);

  EXPECT_EQ(client.post("/api/v1/auth/logout", {}, token).status, 204u);
  EXPECT_EQ(client.get("/api/v1/me", token).status, 401u);
}
