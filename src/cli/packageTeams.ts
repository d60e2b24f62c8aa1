/**
 * npm run package:teams — writes dist/teams/iag-assistant.zip, the app package an administrator uploads
 * to Teams. Settings come from the environment (docs/teams.md lists them); any problem is printed with
 * its file and field and the command exits 1.
 */
import { buildTeamsPackage, teamsPackageSettings, TeamsPackageError } from './teamsPackage';
import { version } from '../../package.json';

buildTeamsPackage({ settings: teamsPackageSettings(process.env, version), outFile: process.argv[2] })
  .then((built) => {
    console.log(
      `package:teams: ok — ${built.file} (${built.entries.join(', ')}), manifest ${String(built.manifest.manifestVersion)}`,
    );
  })
  .catch((error: unknown) => {
    console.error(error instanceof TeamsPackageError ? error.message : error);
    process.exit(1);
  });
