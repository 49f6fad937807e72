-- diplint for Neovim 0.11's vim.lsp.config: with this plugin on 'runtimepath',
--   vim.lsp.enable("diplint")
-- and, to change settings (the keys of diplint.toml):
--   vim.lsp.config("diplint", { settings = { diplint = { style = "un" } } })
return {
  cmd = { "diplint", "lsp" },
  filetypes = { "markdown", "text" },
  -- The nearest folder with a diplint config wins over the repository root.
  root_markers = { { "diplint.toml", ".diplint.toml" }, ".git" },
  settings = { diplint = {} },
  before_init = function(params, config)
    -- The server also reads its settings at initialization.
    params.initializationOptions = (config.settings or {}).diplint
  end,
}
