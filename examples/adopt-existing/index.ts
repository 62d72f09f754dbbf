// `pulumi import` does not work for dynamic resources, so existing bindings come under management by declaring
// them: a NumberAssignment whose number is already bound to the declared application is adopted as it is, with no
// API write. retainOnDelete keeps them bound if this stack is ever destroyed.
//
// pulumi config set application <application key>
import * as pulumi from '@pulumi/pulumi';
import { getNumbers, NumberAssignment } from 'pulumi-sinch-voice';

export = async () => {
  const application = new pulumi.Config().require('application');
  const { numbers } = await getNumbers({ applicationKey: application });
  const adopted = numbers.map(
    ({ number, capability }) =>
      new NumberAssignment(`adopted-${number.slice(1)}-${capability}`, { number, capability, applicationKey: application }, { retainOnDelete: true }),
  );
  return { adopted: adopted.map((binding) => binding.id) };
};
