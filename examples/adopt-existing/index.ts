// Existing bindings come under management by declaring them: a NumberAssignment whose number is already bound to the
// declared application is adopted as it is, with no API write, and a destroy of this stack leaves it bound (it was
// bound before the stack). Each resource is named after what it manages, so the order getNumbers answers in does
// not matter. (Pulumi's `import` option does not work for dynamic resources.)
//
// pulumi config set application <application key>
import * as pulumi from '@pulumi/pulumi';
import { getNumbers, NumberAssignment } from 'pulumi-sinch-voice';

export = async () => {
  const application = new pulumi.Config().require('application');
  const { numbers } = await getNumbers({ applicationKey: application });
  const adopted = numbers.map(
    ({ number, capability }) =>
      new NumberAssignment(`number-${number}-${capability}`, { number, capability, applicationKey: application }),
  );
  return { adopted: adopted.map((binding) => binding.id) };
};
