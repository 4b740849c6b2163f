-- wrk script of bench/load_mixed.sh: reads (the cached region overview, published observations,
-- a time series) and writes (entry-grid PUTs) by several logged-in officers of different
-- provinces, each with its own session cookie and CSRF token, 3 reads to 1 write.
-- The officers come from the file named by $LOAD_OFFICERS (one "login unit cookie csrf" a line,
-- written by the script); the period to edit from $LOAD_PERIOD, the thread count from
-- $LOAD_THREADS. Run with one connection per thread (-t N -c N): a thread's answers then come in
-- the order of its requests, so each is known as a read or a write. Every write sends a value no
-- other write sends (1000 + thread + threads * k), so each accepted write leaves exactly one audit
-- line ("value_set") to count afterwards. done() prints the writes and reads answered 2xx and
-- otherwise, and the latency percentiles. (wrk's Lua is LuaJIT, Lua 5.1.)

local officers = {}
for line in io.lines(os.getenv("LOAD_OFFICERS")) do
  local login, unit, cookie, csrf = line:match("^(%S+) (%S+) (%S+) (%S+)$")
  officers[#officers + 1] = {login = login, unit = unit, cookie = cookie, csrf = csrf}
end
local period = os.getenv("LOAD_PERIOD")
local reads = {
  "/api/overview?region=mien-bac-28&period=2024-H1",
  "/api/observations?indicator=retail_sales&period=2024-H1",
  "/api/timeseries?region=mien-bac-28&indicator=retail_sales&years=3&period=2024-H1",
}
local indicators = {"retail_sales", "exports", "imports"}

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  threads[#threads + 1] = thread
end

function init(args)
  nthreads = tonumber(os.getenv("LOAD_THREADS"))
  n = 0
  writes_ok, writes_failed, reads_ok, reads_failed = 0, 0, 0, 0
  sent_kind = {}  -- the kinds of the requests sent and not yet answered, oldest first
  head, tail = 1, 0
end

function request()
  n = n + 1
  local kind = "read"
  local req
  if n % 4 == 0 then
    kind = "write"
    local k = math.floor(n / 4)
    local o = officers[((k + id) % #officers) + 1]
    local indicator = indicators[(k % 3) + 1]
    local value = tostring(1000 + id + nthreads * k)
    local body = '{"values":[{"indicator":"' .. indicator .. '","value":"' .. value .. '"}]}'
    req = wrk.format("PUT", "/api/submissions/" .. o.unit .. "/monthly/" .. period,
                     {["Content-Type"] = "application/json", ["Cookie"] = o.cookie,
                      ["X-CSRF-Token"] = o.csrf}, body)
  else
    req = wrk.format("GET", reads[(n % 4)])
  end
  tail = tail + 1
  sent_kind[tail] = kind
  return req
end

function response(status, headers, body)
  local kind = sent_kind[head]
  sent_kind[head] = nil
  head = head + 1
  local ok = status >= 200 and status < 300
  if kind == "write" then
    if ok then writes_ok = writes_ok + 1 else writes_failed = writes_failed + 1 end
  else
    if ok then reads_ok = reads_ok + 1 else reads_failed = reads_failed + 1 end
  end
end

function done(summary, latency, requests)
  local w_ok, w_failed, r_ok, r_failed = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    w_ok = w_ok + t:get("writes_ok")
    w_failed = w_failed + t:get("writes_failed")
    r_ok = r_ok + t:get("reads_ok")
    r_failed = r_failed + t:get("reads_failed")
  end
  io.write(string.format("LOAD writes_2xx=%d writes_other=%d reads_2xx=%d reads_other=%d\n",
                         w_ok, w_failed, r_ok, r_failed))
  io.write(string.format("LOAD p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
                         latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000))
end
