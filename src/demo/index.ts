export { generateDemo, demoSeeker, demoSubscription, demoVacancy, BEKASI_UMK, type DemoData, type DemoOptions } from './generate.js';
export { JOB_TEMPLATES, type JobTemplate } from './jobs.js';
