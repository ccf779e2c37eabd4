#pragma once
/// SQL for conversation_logs: a session's transcript. Messages are numbered 1, 2, 3… per session
/// (seq); insert them only while holding the session's row lock (repo::lockSession), which is what
/// makes the numbering gap-free and the order the order of commits.

#include "core/consultation/transcript.h"
#include "core/domain.h"
#include "server/db/pg.h"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace practicum::server::repo {

struct Message {
  std::string id;
  std::string sessionId;
  int seq = 0;
  Sender sender = Sender::User;
  std::string text;
  std::optional<std::string> clientMessageId;  ///< student messages only
  std::optional<std::string> replyTo;          ///< patient answers: the student message answered
  std::string createdAt;
};

boost::json::object toJson(const Message& m);

/// Appends a message as the session's next seq. The caller holds the session's row lock.
/// A repeated (session, client_message_id) throws PgError (unique violation).
Message appendMessage(db::Connection& conn, const std::string& sessionId, Sender sender, const std::string& text,
                      const std::optional<std::string>& clientMessageId = std::nullopt,
                      const std::optional<std::string>& replyTo = std::nullopt);

/// Messages with seq > afterSeq, in order, at most `limit`.
std::vector<Message> listMessages(db::Connection& conn, const std::string& sessionId, int afterSeq, int limit);
/// The whole transcript, in order.
std::vector<Message> transcriptMessages(db::Connection& conn, const std::string& sessionId);
std::optional<Message> findMessage(db::Connection& conn, const std::string& sessionId, const std::string& messageId);
std::optional<Message> findByClientId(db::Connection& conn, const std::string& sessionId,
                                      const std::string& clientMessageId);
/// The patient's answer to a student message, if it was stored.
std::optional<Message> findReply(db::Connection& conn, const std::string& userMessageId);
/// Messages from the student so far.
int countStudentMessages(db::Connection& conn, const std::string& sessionId);
/// Whether any message follows `seq`.
bool hasMessagesAfter(db::Connection& conn, const std::string& sessionId, int seq);

consultation::Transcript toTranscript(const std::vector<Message>& messages);

}  // namespace practicum::server::repo
