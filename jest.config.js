'use strict';
// Unit and simulator-contract tests run against the built package in dist/ (what ships);
// e2e tests drive a real n8n with the packed tarball installed.
module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/package.json'],
			testMatch: ['<rootDir>/test/unit/**/*.test.js', '<rootDir>/test/contract/**/*.test.js'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			globalSetup: '<rootDir>/test/e2e/global-setup.js',
			modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/package.json'],
			testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
		},
	],
};
