/// Value of the cookie `name`, or null when it is absent.
export function readCookie(name: string): string | null {
  const prefix = `${name}=`
  for (const part of document.cookie.split(';')) {
    const cookie = part.trim()
    if (cookie.startsWith(prefix)) {
      try {
        return decodeURIComponent(cookie.slice(prefix.length))
      } catch {
        return cookie.slice(prefix.length)
      }
    }
  }
  return null
}
