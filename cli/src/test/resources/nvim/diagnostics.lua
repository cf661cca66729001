-- Headless Neovim (0.7+) client for NeovimLspTest: opens LOCKSTEP_FILE, attaches `lockstep lsp`
-- (the command in LOCKSTEP_CMD, a JSON list), waits for diagnostics and writes what it received
-- to LOCKSTEP_OUT as JSON.
local cmd = vim.fn.json_decode(os.getenv("LOCKSTEP_CMD"))
local file = os.getenv("LOCKSTEP_FILE")
local out = os.getenv("LOCKSTEP_OUT")
local root = os.getenv("LOCKSTEP_ROOT")
local timeout = tonumber(os.getenv("LOCKSTEP_TIMEOUT_MS") or "60000")

vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local logs = {}
local client_id = vim.lsp.start_client({
  name = "lockstep",
  cmd = cmd,
  root_dir = root,
  handlers = {
    ["window/logMessage"] = function(_, result)
      table.insert(logs, result.message)
    end,
  },
})
local attached = client_id ~= nil and vim.lsp.buf_attach_client(bufnr, client_id)
local received = vim.wait(timeout, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)

local items = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(items, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, code = d.code, source = d.source, message = d.message,
  })
end
local f = assert(io.open(out, "w"))
f:write(vim.fn.json_encode({
  attached = attached and true or false,
  received = received,
  diagnostics = items,
  logs = logs,
  version = vim.version(),
}))
f:close()
if client_id then
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end
vim.cmd("qa!")
