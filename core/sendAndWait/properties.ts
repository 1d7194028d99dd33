/**
 * The parameters of "Send and Wait for Response", the same on every node. Each platform adds its
 * own target fields and, where it has them, the in-chat extras (buttons, allow-list, edit after
 * answer), chosen by the flags rather than by copies of this list.
 */
import {
	SEND_AND_WAIT_OPERATION,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { optionsCollection } from '../describe';

/** The operation's entry in its resource's Operation menu. */
export const sendAndWaitOption: INodePropertyOptions = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT_OPERATION,
	action: 'Send a message and wait for response',
	description:
		'Send a question to a chat and pause the workflow until someone answers (approval, free text or a form). Needs the recipient and the question.',
};

export interface SendAndWaitFeatures {
	/** In-chat Approve/Decline buttons, answered through the platform's trigger (named here, e.g. "bi.ink Trigger"). */
	chatButtons?: { trigger: string };
	/** Edit the sent message once answered, removing its buttons, and whether that is on by default. */
	editAfterAnswer?: 'defaultOn' | 'defaultOff';
}

const approval = { show: { responseType: ['approval'] } };
const customForm = { show: { responseType: ['customForm'] } };

export function sendAndWaitProperties(features: SendAndWaitFeatures = {}): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Limit Wait Time',
			name: 'limitWaitTime',
			type: 'fixedCollection',
			default: {},
			description:
				'When the limit passes without an answer, the execution continues with the input items unchanged (they carry no "respondedAt"). A date without an offset is in the workflow\'s time zone.',
			options: [
				{
					displayName: 'Limit',
					name: 'values',
					values: [
						{
							displayName: 'Limit Type',
							name: 'limitType',
							type: 'options',
							options: [
								{ name: 'After Time Interval', value: 'afterTimeInterval' },
								{ name: 'At Specified Time', value: 'atSpecifiedTime' },
							],
							default: 'afterTimeInterval',
						},
						{
							displayName: 'Amount',
							name: 'resumeAmount',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 1,
							displayOptions: { show: { limitType: ['afterTimeInterval'] } },
						},
						{
							displayName: 'Unit',
							name: 'resumeUnit',
							type: 'options',
							options: [
								{ name: 'Seconds', value: 'seconds' },
								{ name: 'Minutes', value: 'minutes' },
								{ name: 'Hours', value: 'hours' },
								{ name: 'Days', value: 'days' },
							],
							default: 'hours',
							displayOptions: { show: { limitType: ['afterTimeInterval'] } },
						},
						{
							displayName: 'Max Date and Time',
							name: 'maxDateAndTime',
							type: 'dateTime',
							default: '',
							displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
						},
					],
				},
			],
		},
		{
			// n8n's own nodes call it "Append n8n Attribution"; the scanner n8n verifies packages with
			// ignores inline disables and refuses the lower-case "n8n" in a display name.
			displayName: 'Append Attribution',
			name: 'appendAttribution',
			type: 'boolean',
			default: false,
			description:
				'Whether to end the message with "This message was sent automatically with n8n" and the answer page with a link to n8n',
		},
		{
			displayName: 'Link Text',
			name: 'linkLabel',
			type: 'string',
			default: 'Respond here',
			description: 'The words shown with (or on) the link to the answer page',
		},
		{
			displayName: 'Page Description',
			name: 'pageDescription',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description:
				'Shown on the answer page under the title, instead of the message. Empty: the message.',
		},
		{
			displayName: 'Page Title',
			name: 'pageTitle',
			type: 'string',
			default: '',
			description: 'Title of the answer page. Empty: the first line of the message.',
		},
		{
			displayName: 'Submit Button Label',
			name: 'submitLabel',
			type: 'string',
			default: 'Submit',
			description: 'For Free Text and Custom Form',
		},
	];
	if (features.chatButtons) {
		options.push(
			{
				displayName: 'In-Chat Buttons',
				name: 'chatButtons',
				type: 'boolean',
				default: true,
				description: `Whether Approval adds Approve/Decline buttons to the message, answered in the chat through this bot's ${features.chatButtons.trigger} (an active workflow must hold it)`,
				displayOptions: { show: { '/responseType': ['approval'] } },
			},
			{
				displayName: 'Only These User IDs May Answer',
				name: 'allowedUserIds',
				type: 'string',
				default: '',
				placeholder: 'user_123, user_456',
				description:
					'Comma-separated sender IDs. Set: only they can answer, with the in-chat buttons (the message then has no link, as a link cannot tell who opened it); others are told "not allowed" and nothing changes.',
				// Only buttons say who answered. Hidden, the option is also dropped from the parameters
				// n8n hands the node: it can never be set where it would do nothing.
				displayOptions: { show: { '/responseType': ['approval'] }, hide: { chatButtons: [false] } },
			},
		);
	}
	if (features.editAfterAnswer) {
		const description =
			'Whether to rewrite the sent message with the answer and remove its buttons once answered, so it cannot be pressed again';
		options.push(
			features.editAfterAnswer === 'defaultOn'
				? {
						displayName: 'Edit Message After Answer',
						name: 'editAfterAnswer',
						type: 'boolean',
						default: true,
						description,
					}
				: {
						displayName: 'Edit Message After Answer',
						name: 'editAfterAnswer',
						type: 'boolean',
						default: false,
						description,
					},
		);
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));

	return [
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'What the person is asked',
		},
		{
			displayName: 'Response Type',
			name: 'responseType',
			type: 'options',
			options: [
				{ name: 'Approval', value: 'approval', description: 'Approve (and optionally decline)' },
				{
					name: 'Custom Form',
					value: 'customForm',
					description: 'A form with the fields you define',
				},
				{ name: 'Free Text', value: 'freeText', description: 'A form with one text field' },
			],
			default: 'approval',
		},
		{
			displayName: 'Type of Approval',
			name: 'approvalType',
			type: 'options',
			options: [
				{ name: 'Approve Only', value: 'single' },
				{ name: 'Approve and Decline', value: 'double' },
			],
			default: 'double',
			displayOptions: approval,
		},
		{
			displayName: 'Approve Button Label',
			name: 'approveLabel',
			type: 'string',
			default: 'Approve',
			displayOptions: approval,
		},
		{
			displayName: 'Decline Button Label',
			name: 'declineLabel',
			type: 'string',
			default: 'Decline',
			displayOptions: { show: { responseType: ['approval'], approvalType: ['double'] } },
		},
		{
			displayName: 'Define Form',
			name: 'defineForm',
			type: 'options',
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
			default: 'fields',
			displayOptions: customForm,
		},
		{
			displayName: 'Form Fields',
			name: 'formFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			placeholder: 'Add Form Field',
			displayOptions: { show: { responseType: ['customForm'], defineForm: ['fields'] } },
			options: [
				{
					displayName: 'Field',
					name: 'values',
					values: [
						{
							displayName: 'Element Name',
							name: 'elementName',
							type: 'string',
							default: '',
							description:
								'Set: the output holds the HTML under this key. Empty: the HTML is not in the output.',
							displayOptions: { show: { fieldType: ['html'] } },
						},
						{
							displayName: 'Field Label',
							name: 'fieldLabel',
							type: 'string',
							default: '',
							required: true,
							description: 'Shown on the form and used as the key in the output',
							displayOptions: { hide: { fieldType: ['hiddenField', 'html'] } },
						},
						{
							displayName: 'Field Name',
							name: 'fieldName',
							type: 'string',
							default: '',
							description: 'The key of the value in the output',
							displayOptions: { show: { fieldType: ['hiddenField'] } },
						},
						{
							displayName: 'Field Type',
							name: 'fieldType',
							type: 'options',
							options: [
								{
									name: 'Checkbox',
									value: 'checkbox',
									description:
										'One yes/no box (true or false); with Options, a list to tick (an array)',
								},
								{
									name: 'Custom HTML',
									value: 'html',
									description: 'Formatted text and links shown on the form, not an input',
								},
								{ name: 'Date', value: 'date' },
								{ name: 'Dropdown', value: 'dropdown' },
								{ name: 'Email', value: 'email' },
								{
									name: 'Hidden Field',
									value: 'hiddenField',
									description: 'A value this node adds to the output; not shown',
								},
								{ name: 'Number', value: 'number' },
								{
									name: 'Password',
									value: 'password',
									description:
										'Typed hidden from view (the answer is stored in the execution like any other)',
								},
								{ name: 'Radio Buttons', value: 'radio' },
								{ name: 'Text', value: 'text' },
								{ name: 'Textarea', value: 'textarea' },
							],
							default: 'text',
						},
						{
							displayName: 'Field Value',
							name: 'fieldValue',
							type: 'string',
							default: '',
							displayOptions: { show: { fieldType: ['hiddenField'] } },
						},
						{
							displayName: 'HTML',
							name: 'html',
							type: 'string',
							typeOptions: { editor: 'htmlEditor' },
							default: '',
							description:
								'Shown on the form. Only formatting, links and tables are kept; scripts, styles, inputs and pictures (anything loaded from elsewhere when the page opens) are removed.',
							displayOptions: { show: { fieldType: ['html'] } },
						},
						{
							displayName: 'Limit Selection',
							name: 'limitSelection',
							type: 'options',
							options: [
								{ name: 'Exact Number', value: 'exact' },
								{ name: 'Range', value: 'range' },
								{ name: 'Unlimited', value: 'unlimited' },
							],
							default: 'unlimited',
							description: 'For a checkbox with options: how many must be ticked',
							displayOptions: { show: { fieldType: ['checkbox'] } },
						},
						{
							displayName: 'Maximum Selections',
							name: 'maxSelections',
							type: 'number',
							typeOptions: { minValue: 1, numberPrecision: 0 },
							default: 1,
							displayOptions: { show: { fieldType: ['checkbox'], limitSelection: ['range'] } },
						},
						{
							displayName: 'Minimum Selections',
							name: 'minSelections',
							type: 'number',
							typeOptions: { minValue: 0, numberPrecision: 0 },
							default: 0,
							displayOptions: { show: { fieldType: ['checkbox'], limitSelection: ['range'] } },
						},
						{
							displayName: 'Multiple Choice',
							name: 'multiselect',
							type: 'boolean',
							default: false,
							description: 'Whether several options may be picked (the answer is then an array)',
							displayOptions: { show: { fieldType: ['dropdown'] } },
						},
						{
							displayName: 'Number of Selections',
							name: 'numberOfSelections',
							type: 'number',
							typeOptions: { minValue: 1, numberPrecision: 0 },
							default: 1,
							displayOptions: { show: { fieldType: ['checkbox'], limitSelection: ['exact'] } },
						},
						{
							displayName: 'Options',
							name: 'fieldOptions',
							type: 'string',
							default: '',
							placeholder: 'low, medium, high',
							description: 'Comma-separated choices. Checkbox: leave empty for one yes/no box.',
							displayOptions: { show: { fieldType: ['dropdown', 'radio', 'checkbox'] } },
						},
						{
							displayName: 'Placeholder',
							name: 'placeholder',
							type: 'string',
							default: '',
							displayOptions: {
								show: { fieldType: ['text', 'textarea', 'number', 'email', 'password'] },
							},
						},
						{
							displayName: 'Required Field',
							name: 'requiredField',
							type: 'boolean',
							default: false,
							description: 'Whether the form cannot be sent without this field',
							displayOptions: { hide: { fieldType: ['hiddenField', 'html'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'Form Fields (JSON)',
			name: 'formJson',
			type: 'json',
			default: '[\n  { "fieldLabel": "Reason", "fieldType": "textarea", "requiredField": true }\n]',
			description:
				'An array of fields as n8n\'s forms write them: fieldLabel, fieldType (text, textarea, number, email, password, date, dropdown, checkbox, radio, hiddenField, html), requiredField, fieldOptions ({ "values": [{ "option": "a" }] }, a list or comma-separated), multiselect, limitSelection, placeholder; hiddenField: fieldName, fieldValue; html: html, elementName',
			displayOptions: { show: { responseType: ['customForm'], defineForm: ['json'] } },
		},
		optionsCollection(options, 'waitOptions'),
	];
}
