package extra

const suffix = "\r\n"
