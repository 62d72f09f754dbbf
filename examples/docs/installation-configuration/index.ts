import * as pulumi from '@pulumi/pulumi';
import * as sinch from '@pulumi-sinch-voice/sinch';

const config = new pulumi.Config();
// One provider per set of credentials; its application is the default applicationKey of its resources. The
// settings it is not given (baseUrl, auth, ...) come from the SINCH_* environment variables or their defaults.
const sales = new sinch.Provider('sales', {
  applicationKey: config.require('salesApplication'),
  applicationSecret: config.requireSecret('salesSecret'),
});
const support = new sinch.Provider('support', {
  applicationKey: config.require('supportApplication'),
  applicationSecret: config.requireSecret('supportSecret'),
});

const salesLine = new sinch.voice.NumberAssignment('sales-line', { number: '+12015550102' }, { provider: sales });
const supportLine = new sinch.voice.NumberAssignment('support-line', { number: '+12015550103' }, { provider: support });

export const salesLineApplication = salesLine.applicationKey;
export const supportLineApplication = supportLine.applicationKey;
