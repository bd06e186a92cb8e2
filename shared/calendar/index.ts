export * from './date';
export * from './bankHolidays';
export * from './workingDays';
