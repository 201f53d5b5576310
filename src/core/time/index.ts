export { formatLocalTime, localTimeFormatter, type LocalTimeFormatter } from './local-time.js';
