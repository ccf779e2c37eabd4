#include "server/repo/messages.h"

#include "server/repo/json.h"

namespace practicum::server::repo {

namespace {

constexpr std::string_view kColumns =
    "m.id, m.session_id, m.seq, m.sender, m.message, m.client_message_id, m.reply_to, m.created_at";

std::string sql(std::string_view before, std::string_view after) {
  return std::string(before) + std::string(kColumns) + std::string(after);
}

Message fromRow(const db::Result& r, int row) {
  Message m;
  m.id = r.text(row, 0);
  m.sessionId = r.text(row, 1);
  m.seq = static_cast<int>(r.integer(row, 2));
  m.sender = enumFromString<Sender>(r.view(row, 3)).value_or(Sender::Feedback);
  m.text = r.text(row, 4);
  m.clientMessageId = r.optionalText(row, 5);
  m.replyTo = r.optionalText(row, 6);
  m.createdAt = db::isoTimestamp(r.view(row, 7));
  return m;
}

std::vector<Message> rows(const db::Result& r) {
  std::vector<Message> out;
  out.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) out.push_back(fromRow(r, i));
  return out;
}

}  // namespace

boost::json::object toJson(const Message& m) {
  return {{"id", m.id},
          {"session_id", m.sessionId},
          {"seq", m.seq},
          {"sender", toString(m.sender)},
          {"message", m.text},
          {"client_message_id", orNull(m.clientMessageId)},
          {"reply_to", orNull(m.replyTo)},
          {"created_at", m.createdAt}};
}

Message appendMessage(db::Connection& conn, const std::string& sessionId, Sender sender, const std::string& text,
                      const std::optional<std::string>& clientMessageId, const std::optional<std::string>& replyTo) {
  auto r = conn.query(
      sql("INSERT INTO conversation_logs AS m (session_id, seq, sender, message, client_message_id, reply_to) "
          "VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM conversation_logs WHERE session_id = $1), "
          "        $2, $3, $4, $5) RETURNING ",
          ""),
      sessionId, toString(sender), text, clientMessageId, replyTo);
  return fromRow(r, 0);
}

std::vector<Message> listMessages(db::Connection& conn, const std::string& sessionId, int afterSeq, int limit) {
  return rows(conn.query(sql("SELECT ",
                             " FROM conversation_logs m WHERE m.session_id = $1 AND m.seq > $2 "
                             "ORDER BY m.seq LIMIT $3"),
                         sessionId, afterSeq, limit));
}

std::vector<Message> transcriptMessages(db::Connection& conn, const std::string& sessionId) {
  return rows(
      conn.query(sql("SELECT ", " FROM conversation_logs m WHERE m.session_id = $1 ORDER BY m.seq"), sessionId));
}

std::optional<Message> findMessage(db::Connection& conn, const std::string& sessionId, const std::string& messageId) {
  auto r = conn.query(sql("SELECT ", " FROM conversation_logs m WHERE m.session_id = $1 AND m.id = $2"), sessionId,
                      messageId);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

std::optional<Message> findByClientId(db::Connection& conn, const std::string& sessionId,
                                      const std::string& clientMessageId) {
  auto r = conn.query(sql("SELECT ", " FROM conversation_logs m WHERE m.session_id = $1 AND m.client_message_id = $2"),
                      sessionId, clientMessageId);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

std::optional<Message> findReply(db::Connection& conn, const std::string& userMessageId) {
  auto r = conn.query(sql("SELECT ", " FROM conversation_logs m WHERE m.reply_to = $1 ORDER BY m.seq LIMIT 1"),
                      userMessageId);
  if (r.empty()) return std::nullopt;
  return fromRow(r, 0);
}

int countStudentMessages(db::Connection& conn, const std::string& sessionId) {
  return static_cast<int>(
      conn.query("SELECT count(*) FROM conversation_logs WHERE session_id = $1 AND sender = 'user'", sessionId)
          .integer(0, 0));
}

bool hasMessagesAfter(db::Connection& conn, const std::string& sessionId, int seq) {
  return !conn.query("SELECT 1 FROM conversation_logs WHERE session_id = $1 AND seq > $2 LIMIT 1", sessionId, seq)
              .empty();
}

consultation::Transcript toTranscript(const std::vector<Message>& messages) {
  consultation::Transcript out;
  out.reserve(messages.size());
  for (const auto& m : messages) out.push_back({m.sender, m.text});
  return out;
}

}  // namespace practicum::server::repo
