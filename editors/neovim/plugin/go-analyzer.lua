-- go-analyzer's user command, defined at startup: `:GoAnalyzerRestart` stops the server and
-- starts it again for the open Go buffers (after installing a new binary, say).

if vim.g.loaded_go_analyzer then
  return
end
vim.g.loaded_go_analyzer = true

vim.api.nvim_create_user_command('GoAnalyzerRestart', function()
  require('go-analyzer').restart()
end, { desc = 'Restart the go-analyzer language server' })
