-- A cross-check of the load generator with wrk (Debian package wrk), for kerne serve:
-- every request is a new phone (a fresh device cookie) sending one text answer, so neither
-- the per-person cap nor the per-device rate limit is what is measured. See README.md here.
local sent = 0

request = function()
  sent = sent + 1
  local token = string.format("%08x%08x%08x%08x",
    math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), sent, math.random(0, 0x7fffffff))
  local body = string.format(
    '{"step":"burst","client_id":"wrk-%d-%d","text":"Et svar fra telefon %d"}',
    sent, math.random(0, 0x7fffffff), sent)
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Cookie"] = "kerne_device=" .. token
  return wrk.format("POST", nil, headers, body)
end
