-- wrk's summary in lines the bench scripts read, with every status counted (wrk alone counts
-- only "non-2xx or 3xx"). Use: wrk -t 2 -c 100 -d 15s --timeout 60s -s bench/wrk-summary.lua URL
-- Prints, after wrk's own report:
--   summary requests <n> seconds <s> rps <all answers per second>
--   latency_all_statuses p50_ms <ms> p99_ms <ms> max_ms <ms>
--   status <code> <count>            (one line per status)
--   errors connect <n> read <n> write <n> timeout <n>
-- The percentiles are over every answer, whatever its status: wrk's done() gets one histogram
-- only, and response() gets no time nor connection to pair it with its request. They describe
-- the answered requests only when every answer is a 200 (report_data.py wrk prints them then,
-- nan otherwise); bench/report.sh takes the 200s' and the refusals' own percentiles from each
-- stack's http_server_requests_seconds histogram by status, or from hey's per-request rows.
-- Why wrk: the load generator shares the two cores with what it measures; wrk costs about a
-- quarter of hey's CPU per request (docs/performance.md), so more of the machine goes to the stack.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("summary requests %d seconds %.3f rps %.1f\n",
    summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("latency_all_statuses p50_ms %.1f p99_ms %.1f max_ms %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
  local e = summary.errors
  io.write(string.format("errors connect %d read %d write %d timeout %d\n", e.connect, e.read, e.write, e.timeout))
end
