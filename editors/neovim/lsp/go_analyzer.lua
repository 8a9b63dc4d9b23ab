-- The go-analyzer server configuration for Neovim 0.11+: with this plugin on 'runtimepath',
-- `vim.lsp.enable('go_analyzer')` is all a user writes; `vim.lsp.config('go_analyzer', {...})`
-- overrides any field (cmd, settings, ...). See README.md, "Neovim".

local ga = require('go-analyzer')
local config = ga.config()

-- Root detection: go.work, else go.mod, else .git, else the file's directory. A function, so
-- that a go.work higher up wins over a nearer go.mod.
config.root_dir = function(bufnr, on_dir)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name ~= '' and vim.bo[bufnr].buftype == '' then
    on_dir(ga.root_dir(name))
  end
end

-- A crashed server is started again for its buffers, after a growing delay.
config.on_exit = ga.on_exit_handler(function(bufnr)
  pcall(vim.api.nvim_exec_autocmds, 'FileType', { buffer = bufnr, modeline = false, group = 'nvim.lsp.enable' })
end)

return config
