import type { FlowHandlers } from '../handlers.js';
import { applicationsList } from './applications.js';
import { afterApplying, applyConfirm, applyOutcome, applyPreview } from './applying.js';
import { deleteData } from './delete-data.js';
import { jobSearchAction, jobSearchStatus, saveJobSearchWhere } from './job-search.js';
import { leaveDraft } from './leave-draft.js';
import { openFromMenu } from './menu.js';
import { profileEdit, profileView } from './profile.js';
import { saveRegistration, skillsReadback } from './registration.js';
import { saveReport } from './report.js';
import { detailAction, pickResult, searchResults, vacancyDetail } from './search.js';
import { pickProgramme, registerInterest, trainingProgramme, trainingSuggestions } from './training.js';
import { saveSubscription, subscriptionAction, subscriptionOverview } from './subscription.js';
import { languageSaved, pickLanguage, welcomeDone } from './welcome.js';

/** Every handler the flow files may name, by the id they name it with. */
export const FLOW_HANDLERS: FlowHandlers = {
  render: {
    'skills-readback': skillsReadback,
    'search-results': searchResults,
    'vacancy-detail': vacancyDetail,
    'subscription-overview': subscriptionOverview,
    'profile-view': profileView,
    'applications-list': applicationsList,
    'apply-preview': applyPreview,
    'apply-result': applyOutcome,
    'job-search-status': jobSearchStatus,
    'training-suggestions': trainingSuggestions,
    'training-programme': trainingProgramme,
  },
  input: {
    'pick-language': pickLanguage,
    'pick-result': pickResult,
    'detail-action': detailAction,
    'subscription-action': subscriptionAction,
    'profile-edit': profileEdit,
    'apply-confirm': applyConfirm,
    'after-applying': afterApplying,
    'job-search-action': jobSearchAction,
    'pick-programme': pickProgramme,
    'register-interest': registerInterest,
  },
  complete: {
    'welcome-done': welcomeDone,
    'language-saved': languageSaved,
    'save-registration': saveRegistration,
    'save-subscription': saveSubscription,
    'delete-data': deleteData,
    'open-from-menu': openFromMenu,
    'leave-draft': leaveDraft,
    'save-report': saveReport,
    'job-search-where': saveJobSearchWhere,
  },
};
