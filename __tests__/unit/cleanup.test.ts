import { describe, expect, it } from '@jest/globals'
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  SageMakerClient,
  SageMakerServiceException
} from '@aws-sdk/client-sagemaker'
import { mockClient } from 'aws-sdk-client-mock'
import { deleteTemporaryResources, parseTemporaryState } from '../../src/cleanup.js'

describe('temporary resources', () => {
  it('parses only well-formed entries from state', () => {
    expect(parseTemporaryState('')).toEqual([])
    expect(
      parseTemporaryState(
        JSON.stringify([{ kind: 'model', name: 'm' }, { kind: 'bucket', name: 'x' }, 7])
      )
    ).toEqual([{ kind: 'model', name: 'm' }])
  })

  it('deletes the endpoint before its config and model, and counts what is gone as deleted', async () => {
    const sm = mockClient(SageMakerClient)
    const order: string[] = []
    sm.on(DeleteModelCommand).callsFake(() => void order.push('model'))
    sm.on(DeleteEndpointConfigCommand).callsFake(() => void order.push('config'))
    sm.on(DeleteEndpointCommand).callsFake(() => {
      order.push('endpoint')
      throw new SageMakerServiceException({
        name: 'ValidationException',
        $fault: 'client',
        message: 'Could not find endpoint "e".',
        $metadata: {}
      })
    })
    const result = await deleteTemporaryResources(new SageMakerClient({ region: 'us-east-1' }), [
      { kind: 'model', name: 'm' },
      { kind: 'endpoint-config', name: 'c' },
      { kind: 'endpoint', name: 'e' }
    ])
    expect(order).toEqual(['endpoint', 'config', 'model'])
    expect(result.deleted.map(r => r.name)).toEqual(['e', 'c', 'm'])
    expect(result.warnings).toEqual([])
    sm.restore()
  })

  it('warns about a resource it could not delete', async () => {
    const sm = mockClient(SageMakerClient)
    sm.on(DeleteModelCommand).rejects(
      Object.assign(new Error('denied'), { name: 'AccessDeniedException' })
    )
    const result = await deleteTemporaryResources(new SageMakerClient({ region: 'us-east-1' }), [
      { kind: 'model', name: 'm' }
    ])
    expect(result.deleted).toEqual([])
    expect(result.warnings).toEqual([
      'Could not delete temporary model "m": denied. Run: aws sagemaker delete-model --model-name m'
    ])
    sm.restore()
  })
})
