-- wrk script: sends a pool of pre-signed, distinct Vapi requests once each, in order.
-- VG_POOL names a file with one request per line: signature TAB timestamp TAB body.
local reqs, n, i = {}, 0, 0

function init(args)
  for line in io.lines(os.getenv("VG_POOL")) do
    local sig, ts, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
    n = n + 1
    reqs[n] = wrk.format("POST", "/webhook/vapi",
      {["Content-Type"] = "application/json", ["x-signature"] = sig, ["x-timestamp"] = ts}, body)
  end
end

function request()
  i = i + 1
  if i > n then i = 1 end  -- wrapping would replay: the runner sizes the pool so that it never does
  return reqs[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"status_errors":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
