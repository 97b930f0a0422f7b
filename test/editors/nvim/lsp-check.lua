-- Run by test/editors/neovim.test.ts: Neovim's own LSP client (0.7 and later) against
-- `flowc lsp --stdio`. Opens FLOW_FILE, waits for the diagnostics, runs go-to-definition with the
-- cursor at DEF_LINE:DEF_COL (1-based line, 0-based column), and writes what it saw to RESULT as
-- JSON. Everything comes from the environment.
local env = vim.env
local result = { diagnostics = {}, definition = nil, attached = false, errors = {} }

local function finish()
  local file = io.open(env.RESULT, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.FLOW_FILE))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = 'flowc',
    cmd = { env.NODE, env.FLOWC_BIN, 'lsp', '--stdio' },
    root_dir = env.ROOT,
  })
  result.attached = vim.lsp.buf_attach_client(buf, client)
  vim.wait(20000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      line = d.lnum + 1,
      column = d.col + 1,
      rule = d.code or lsp.code,
      severity = d.severity,
      source = d.source or lsp.source,
      message = d.message,
    })
  end
  local line, column = tonumber(env.DEF_LINE), tonumber(env.DEF_COL)
  vim.api.nvim_win_set_cursor(0, { line, column })
  vim.lsp.buf.definition()
  vim.wait(10000, function()
    local cursor = vim.api.nvim_win_get_cursor(0)
    return cursor[1] ~= line or cursor[2] ~= column
  end, 50)
  local cursor = vim.api.nvim_win_get_cursor(0)
  result.definition = { line = cursor[1], column = cursor[2] + 1 }
  vim.lsp.stop_client(client)
end)
if not ok then
  table.insert(result.errors, tostring(err))
end
finish()
