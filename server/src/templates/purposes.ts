/**
 * Preset purposes of processing: the answer to "which purposes should I state?".
 *
 * Each preset is tagged with a Kantara Consent Receipt 1.1 purpose category (used in receipts) and a
 * W3C Data Privacy Vocabulary purpose (used in machine-readable records), so that a consent given for a
 * preset purpose is classified the same way everywhere.
 */
import type { Purpose, PurposePreset } from '../../../shared/contracts/agreements';

/** Purpose categories of the Kantara Consent Receipt specification 1.1. */
export const KANTARA_PURPOSE_CATEGORIES = [
  'Core Function',
  'Contracted Service',
  'Delivery',
  'Contact Requested',
  'Personalised Experience',
  'Marketing',
  'Marketing Third Parties',
  'Sharing for Delivery',
  'Sharing for Marketing',
  '3rd Party Sharing for Core Function',
  '3rd Party Sharing for Others',
  'Legally Required Data Retention',
  'Required by Law Enforcement or Government',
  'Protecting Your Health',
  'Protecting Our Interests',
  'Improve Performance',
] as const;

export type KantaraPurposeCategory = (typeof KANTARA_PURPOSE_CATEGORIES)[number];

interface Preset extends PurposePreset {
  kantaraCategory: KantaraPurposeCategory;
}

const preset = (
  code: string,
  en: string,
  ru: string,
  kantaraCategory: KantaraPurposeCategory,
  dpv: `dpv:${string}`,
): Preset => ({ code, title: { en, ru }, kantaraCategory, dpv });

export const PURPOSE_PRESETS: PurposePreset[] = [
  preset(
    'service-provision',
    'Providing the services and performing the contract with me',
    'Оказание услуг и исполнение заключенного со мной договора',
    'Contracted Service',
    'dpv:ServiceProvision',
  ),
  preset(
    'reply-to-requests',
    'Answering my requests, questions and feedback',
    'Ответы на мои обращения, вопросы и отзывы',
    'Contact Requested',
    'dpv:CommunicationForCustomerCare',
  ),
  preset(
    'order-delivery',
    'Processing my orders and delivering the goods',
    'Оформление моих заказов и доставка товаров',
    'Delivery',
    'dpv:DeliveryOfGoods',
  ),
  preset(
    'newsletters-advertising',
    'Sending me newsletters, offers and advertising',
    'Направление мне новостных рассылок, предложений и рекламы',
    'Marketing',
    'dpv:DirectMarketing',
  ),
  preset(
    'analytics',
    'Analysing how the site is used in order to improve it and the services',
    'Анализ использования сайта для улучшения его работы и качества услуг',
    'Improve Performance',
    'dpv:ServiceOptimisation',
  ),
  preset(
    'legal-obligations',
    'Complying with obligations imposed by law',
    'Исполнение обязанностей, возложенных законодательством',
    'Legally Required Data Retention',
    'dpv:LegalCompliance',
  ),
  preset(
    'account-registration',
    'Registering and maintaining my user account',
    'Регистрация и ведение моей учетной записи',
    'Core Function',
    'dpv:ServiceRegistration',
  ),
  preset(
    'customer-support',
    'Customer and technical support',
    'Клиентская и техническая поддержка',
    'Core Function',
    'dpv:CustomerCare',
  ),
  preset(
    'events-invitations',
    'Inviting me to events, webinars and conferences',
    'Приглашение меня на мероприятия, вебинары и конференции',
    'Marketing',
    'dpv:Marketing',
  ),
  preset(
    'hr-recruitment',
    'Considering my application for a job vacancy',
    'Рассмотрение моей кандидатуры на вакантные должности',
    'Core Function',
    'dpv:RecruitmentManagement',
  ),
  preset(
    'security-fraud-prevention',
    'Ensuring the security of the site and preventing fraud',
    'Обеспечение безопасности сайта и предотвращение мошенничества',
    'Protecting Our Interests',
    'dpv:FraudPreventionAndDetection',
  ),
  preset(
    'personalisation',
    'Personalising the content and offers shown to me',
    'Персонализация показываемых мне материалов и предложений',
    'Personalised Experience',
    'dpv:ServicePersonalisation',
  ),
  preset(
    'publication',
    'Publishing information about me on the operator’s web resources',
    'Размещение сведений обо мне на информационных ресурсах Оператора',
    'Core Function',
    'dpv:PublicRelations',
  ),
];

const BY_CODE = new Map(PURPOSE_PRESETS.map((p) => [p.code, p]));

/** The preset with this code, or undefined. */
export const findPurposePreset = (code: string | null | undefined): PurposePreset | undefined =>
  code ? BY_CODE.get(code) : undefined;

/** How a purpose reads in an agreement: a preset's title in that language, else the editor's free title. */
export const purposeTitle = (purpose: Purpose, lang: 'ru' | 'en'): string => {
  const found = findPurposePreset(purpose.code);
  return found ? found.title[lang] : (purpose.title ?? '').trim();
};
