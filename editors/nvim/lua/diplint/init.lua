--- diplint for Neovim: starts `diplint lsp` for Markdown and text buffers.
---
---   require("diplint").setup({
---     cmd = { "diplint", "lsp" },                 -- or { "/path/to/diplint", "lsp" }
---     filetypes = { "markdown", "text" },
---     root_markers = { "diplint.toml", ".diplint.toml", ".git" },
---     settings = { style = "un", document_date = "2021-09-24", rules = { ["acronym/undefined"] = "off" } },
---   })
---
--- `settings` takes the keys of diplint.toml and wins over the workspace's file.
--- Works with Neovim 0.9 and later; on 0.11, `vim.lsp.enable("diplint")` with the plugin's
--- lsp/diplint.lua is the alternative (see editors/README.md).

local M = {}

M.defaults = {
  cmd = { "diplint", "lsp" },
  filetypes = { "markdown", "text" },
  --- The workspace root: the nearest folder with a diplint config; failing that, the
  --- repository's root; failing that, the file's folder. Earlier markers take priority.
  root_markers = { { "diplint.toml", ".diplint.toml" }, { ".git" } },
  settings = {},
  on_attach = nil,
  capabilities = nil,
}

M.options = vim.deepcopy(M.defaults)

local warned_missing = false

--- @param markers (string|string[])[] groups of markers, in priority order
--- @return string|nil
local function find_root(path, markers)
  for _, group in ipairs(markers) do
    local names = type(group) == "table" and group or { group }
    local found = vim.fs.find(names, { path = path, upward = true })[1]
    if found then
      return vim.fs.dirname(found)
    end
  end
  return nil
end

--- The workspace root for a buffer (see `root_markers`).
--- @param bufnr integer
--- @return string
function M.root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" or name:match("^%a[%w+.-]*://") then
    return vim.fn.getcwd()
  end
  local folder = vim.fs.dirname(vim.fn.fnamemodify(name, ":p"))
  return find_root(folder, markers or M.options.root_markers) or folder
end

--- The client configuration for `vim.lsp.start`.
--- @param bufnr integer
function M.client_config(bufnr)
  local opts = M.options
  return {
    name = "diplint",
    cmd = opts.cmd,
    root_dir = M.root_dir(bufnr),
    -- The server reads its settings from initializationOptions, from
    -- workspace/didChangeConfiguration (Neovim sends `settings` after initializing), and
    -- from workspace/configuration section "diplint" (answered from `settings`).
    init_options = opts.settings,
    settings = { diplint = opts.settings },
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
  }
end

local function executable_found()
  if vim.fn.executable(M.options.cmd[1]) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    vim.notify(
      ("diplint: '%s' is not an executable. Install diplint (`cargo install --locked --path .` "
        .. "in its repository) or pass cmd = { '/path/to/diplint', 'lsp' } to setup()."):format(M.options.cmd[1]),
      vim.log.levels.ERROR
    )
  end
  return false
end

--- Starts (or reuses) the diplint client for a buffer. Returns the client id.
--- @param bufnr integer|nil
--- @return integer|nil
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= "" or not executable_found() then
    return nil
  end
  return vim.lsp.start(M.client_config(bufnr), { bufnr = bufnr })
end

local function diplint_clients()
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ name = "diplint" })
end

--- Stops every diplint client and starts them again for the buffers they served.
function M.restart()
  local buffers = {}
  for _, client in ipairs(diplint_clients()) do
    for bufnr in pairs(client.attached_buffers or {}) do
      table.insert(buffers, bufnr)
    end
    if vim.fn.has("nvim-0.11") == 1 then
      client:stop()
    else
      client.stop()
    end
  end
  vim.defer_fn(function()
    for _, bufnr in ipairs(buffers) do
      if vim.api.nvim_buf_is_valid(bufnr) then
        M.start(bufnr)
      end
    end
  end, 500)
end

--- @param opts table|nil see M.defaults
function M.setup(opts)
  M.options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  warned_missing = false
  local group = vim.api.nvim_create_augroup("diplint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.options.filetypes,
    callback = function(event)
      M.start(event.buf)
    end,
  })
  vim.api.nvim_create_user_command("DiplintRestart", M.restart, { desc = "Restart the diplint language server" })
  -- Buffers opened before setup() was called.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.options.filetypes, vim.bo[bufnr].filetype) then
      M.start(bufnr)
    end
  end
end

return M
