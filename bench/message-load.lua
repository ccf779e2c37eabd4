-- wrk script of bench/message-load: POST /api/v1/sessions/{id}/messages as a class of students.
--
-- Run with one wrk thread per connection (-tN -cN), so that each connection has a Lua state of
-- its own: connection i is student i, talking in its own sessions (replies on one session are
-- computed one at a time, so two connections never share one). Each connection sends
-- BENCH_WRK_TURNS messages in a session, then moves to its next; after its last session it starts
-- again from its first (counted as a wrap: transcripts then outgrow BENCH_WRK_TURNS, and the
-- 300-message limit of a session comes nearer). Messages rotate through the student messages of
-- bench/data/dietitian-questions.txt, each with a fresh random client_message_id (UUID v4), as the
-- app sends them.
--
-- Environment (the main Lua state, which runs setup() and done(), gets no script arguments):
--   BENCH_WRK_SESSIONS   file of "<connection> <bearer token> <session id>" lines, in order of use
--   BENCH_WRK_QUESTIONS  the student messages, one a line ("#" lines skipped)
--   BENCH_WRK_TURNS      messages per session before moving to the next
--   BENCH_WRK_STATE      "<connection> <messages sent> <wraps>" per line: read at start (absent:
--                        all zero) and written at the end, so that the measured run continues
--                        where the warm-up left each connection
local connections = 0
local threads = {}

function setup(thread)
  connections = connections + 1
  thread:set("conn", connections)
  table.insert(threads, thread)
end

local function lines(path)
  local out = {}
  for line in assert(io.lines(path)) do
    if line ~= "" and line:sub(1, 1) ~= "#" then table.insert(out, line) end
  end
  return out
end

local function json_string(text)
  return '"' .. text:gsub('[\\"]', "\\%0") .. '"'
end

local function uuid4()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x", r(0, 0xffff), r(0, 0xffff), r(0, 0xffff),
    r(0, 0xfff), r(0x8000, 0xbfff), r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end

local sessions, questions, turns, headers = {}, nil, nil, nil
sent, wraps = 0, 0 -- globals: done() reads them through thread:get()

function init(args)
  -- conn is set by setup() before init() runs
  for _, line in ipairs(lines(os.getenv("BENCH_WRK_SESSIONS"))) do
    local c, token, id = line:match("^(%d+) (%S+) (%S+)$")
    if tonumber(c) == conn then
      table.insert(sessions, id)
      headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
    end
  end
  assert(#sessions > 0, "no sessions for connection " .. conn)
  questions = lines(os.getenv("BENCH_WRK_QUESTIONS"))
  turns = assert(tonumber(os.getenv("BENCH_WRK_TURNS")))
  local state = io.open(os.getenv("BENCH_WRK_STATE"))
  if state then
    for line in state:lines() do
      local c, s, w = line:match("^(%d+) (%d+) (%d+)$")
      if tonumber(c) == conn then sent, wraps = tonumber(s), tonumber(w) end
    end
    state:close()
  end
  -- Each state's generator must differ, and differ between runs: seed from the kernel.
  local urandom = assert(io.open("/dev/urandom", "rb"))
  local b1, b2, b3, b4 = urandom:read(4):byte(1, 4)
  urandom:close()
  math.randomseed(((b1 * 256 + b2) * 256 + b3) * 256 + b4)
end

function request()
  local k = math.floor(sent / turns)
  if k >= #sessions then
    if k % #sessions == 0 and sent % turns == 0 then wraps = wraps + 1 end
    k = k % #sessions
  end
  local question = questions[(sent + conn * 7) % #questions + 1]
  sent = sent + 1
  local body = '{"message":' .. json_string(question) .. ',"client_message_id":"' .. uuid4() .. '"}'
  return wrk.format("POST", "/api/v1/sessions/" .. sessions[k + 1] .. "/messages", headers, body)
end

function done(summary, latency, requests)
  local f = assert(io.open(os.getenv("BENCH_WRK_STATE"), "w"))
  for _, t in ipairs(threads) do
    f:write(string.format("%d %d %d\n", t:get("conn"), t:get("sent"), t:get("wraps")))
  end
  f:close()
end
