/// The server's password rule (src/auth/rules.cpp `CheckPassword`, defaults of PasswordPolicy),
/// checked here too so the form can say what is wrong before anything is sent. The server stays
/// the judge: its 422 is shown on the field it names.
export const PASSWORD_POLICY = { minLength: 8, minClasses: 3 } as const

export interface PasswordCheck {
  /// At least `minLength` characters (code points, as the server counts).
  length: boolean
  /// Characters from at least `minClasses` of upper case, lower case, digits, other.
  classes: boolean
  /// Does not contain the user name, ignoring case (names of 3 or more characters).
  notUsername: boolean
}

export function checkPassword(password: string, username: string): PasswordCheck {
  let lower = false
  let upper = false
  let digit = false
  let other = false
  for (const c of password) {
    if (c >= 'a' && c <= 'z') lower = true
    else if (c >= 'A' && c <= 'Z') upper = true
    else if (c >= '0' && c <= '9') digit = true
    else other = true
  }
  const classes = Number(lower) + Number(upper) + Number(digit) + Number(other)
  return {
    length: [...password].length >= PASSWORD_POLICY.minLength,
    classes: classes >= PASSWORD_POLICY.minClasses,
    notUsername: username.length < 3 || !password.toLowerCase().includes(username.toLowerCase()),
  }
}
