package p

const s = "\q"
const r = '\ud800'
const t = "\U0000D999"
const o = "\400"
const ok = "\x41\u00e9\U0001F600\101\"\n"
const ok2 = '\''
