/** True for a wall-clock time: hour 0-23, minute 0-59, second 0-59 (no leap second, no 24:00). */
export function isValidTime(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 59;
}
